using AiFinOps.Ingest.Deduplication;
using AiFinOps.Ingest.Keys;
using AiFinOps.Ingest.Keys.IssuingKeys;
using AiFinOps.Ingest.Keys.ListingKeys;
using AiFinOps.Ingest.Keys.RevokingKeys;
using AiFinOps.Ingest.Keys.VerifyingKeys;
using AiFinOps.Ingest.Outcomes;
using AiFinOps.Ingest.Pricing;
using AiFinOps.Ingest.Recording;
using AiFinOps.ServiceDefaults;
using AiFinOps.ServiceDefaults.Messaging;
using AiFinOps.ServiceDefaults.Security;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace AiFinOps.Ingest;

/// <summary>Wires the ingest service: keys (Marten), deduplication (PostgreSQL), pricing, the bus, gRPC and REST.</summary>
public static class IngestModule
{
    public const string Schema = "ingest";

    public static WebApplicationBuilder AddIngest(this WebApplicationBuilder builder)
    {
        var database = builder.AddDatabase();

        builder.Services.Configure<IngestLimits>(builder.Configuration.GetSection("Ingest"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<LocalApiKeyVerifier>();
        builder.Services.AddSingleton<IApiKeyVerifier>(sp => sp.GetRequiredService<LocalApiKeyVerifier>());
        builder.AddApiKeySecurity();

        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(database));
        builder.Services.AddSingleton<ReceivedEventLog>();
        builder.Services.AddHostedService<ReceivedEventLogMigration>();
        builder.Services.AddSingleton(new UsagePricing());
        builder.Services.AddSingleton<BusPublisher>();
        builder.Services.AddSingleton<UsageRecorder>();
        builder.Services.AddSingleton<OutcomeRecorder>();
        builder.Services.AddSingleton<CallAuthentication>();

        builder.Services.AddMarten(options =>
        {
            options.Connection(database);
            options.DatabaseSchemaName = Schema;
            // Own lock for schema migrations: the services share one database and start together.
            options.ApplyChangesLockId = 4_207_000 + 1;
            options.OpenTelemetry.TrackEventCounters();
            options.Events.StreamIdentity = StreamIdentity.AsString;
            options.Projections.Snapshot<ApiKey>(JasperFx.Events.Projections.SnapshotLifecycle.Inline);
            options.Schema.For<ApiKey>().Index(k => k.KeyHash);
        }).UseLightweightSessions().ApplyAllDatabaseChangesOnStartup();

        builder.AddMessaging(Schema);

        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = 64 * 1024 * 1024;
            grpc.EnableDetailedErrors = false;
            grpc.Interceptors.Add<InfrastructureFailureInterceptor>();
        });
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseIngest(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGrpcService<UsageIngestService>();
        app.MapOpenApi();
        app.MapIssueKey();
        app.MapListKeys();
        app.MapRevokeKey();
        app.MapVerifyKey();
        return app;
    }
}
