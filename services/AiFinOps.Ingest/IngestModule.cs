using AiFinOps.Ingest.Catalogue;
using AiFinOps.Ingest.Catalogue.Aliasing;
using AiFinOps.Ingest.Catalogue.Importing;
using AiFinOps.Ingest.Catalogue.Keeping;
using AiFinOps.Ingest.Catalogue.ListingPrices;
using AiFinOps.Ingest.Catalogue.Negotiating;
using AiFinOps.Ingest.Catalogue.PublishingChanges;
using AiFinOps.Ingest.Catalogue.Quoting;
using AiFinOps.Ingest.Catalogue.Retiring;
using AiFinOps.Ingest.Catalogue.SettingPrices;
using AiFinOps.Ingest.Deduplication;
using AiFinOps.Ingest.Keys;
using AiFinOps.Ingest.Keys.IssuingKeys;
using AiFinOps.Ingest.Keys.ListingKeys;
using AiFinOps.Ingest.Keys.RevokingKeys;
using AiFinOps.Ingest.Keys.VerifyingKeys;
using AiFinOps.Ingest.Outcomes;
using AiFinOps.Ingest.Pricing;
using AiFinOps.Ingest.Pricing.PricingBatches;
using AiFinOps.Ingest.Recording;
using AiFinOps.Ingest.Recording.Backpressure;
using AiFinOps.Ingest.Recording.SpendMetrics;
using AiFinOps.Ingest.Recording.UnreadableRequests;
using AiFinOps.ServiceDefaults;
using AiFinOps.ServiceDefaults.Marten;
using AiFinOps.ServiceDefaults.Messaging;
using AiFinOps.ServiceDefaults.Security;
using JasperFx.Events.Projections;
using Weasel.Core;

namespace AiFinOps.Ingest;

/// <summary>Wires the ingest service: keys (Marten), deduplication (PostgreSQL), pricing, the bus, gRPC and REST.</summary>
public static class IngestModule
{
    public const string Schema = "ingest";

    public static WebApplicationBuilder AddIngest(this WebApplicationBuilder builder)
    {
        builder.AddDatabase();

        builder.Services.Configure<IngestLimits>(builder.Configuration.GetSection("Ingest"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<LocalApiKeyVerifier>();
        builder.Services.AddSingleton<IApiKeyVerifier>(sp => sp.GetRequiredService<LocalApiKeyVerifier>());
        builder.AddApiKeySecurity();

        builder.Services.AddSingleton<ReceivedEventLog>();
        builder.Services.AddHostedService<ReceivedEventLogMigration>();
        builder.Services.AddSingleton<PriceCatalogue>();
        builder.Services.AddHostedService<CatalogueKeeper>();
        builder.Services.Configure<CatalogueChangePublishing>(builder.Configuration.GetSection("Catalogue:Changes"));
        builder.Services.AddSingleton<CatalogueChangeSignal>();
        builder.Services.AddHostedService<CatalogueChangePublisher>();
        builder.Services.AddSingleton(sp => new UsagePricing(() => sp.GetRequiredService<PriceCatalogue>().Current));
        builder.Services.AddSingleton<BusPublisher>();
        builder.Services.AddSingleton<UsageRecorder>();
        builder.Services.Configure<SpendMetricsOptions>(builder.Configuration.GetSection("Ingest:Metrics"));
        builder.Services.AddSingleton<SpendMeter>();
        builder.Services.Configure<BackpressureOptions>(builder.Configuration.GetSection("Ingest:Backpressure"));
        builder.Services.AddSingleton<AdmissionGate>();
        builder.Services.AddHostedService<ConsumerLagProbe>();
        builder.Services.AddSingleton<OutcomeRecorder>();
        builder.Services.AddSingleton<CallAuthentication>();

        builder.AddEventStore(Schema, applyChangesLockId: 4_207_001, options =>
        {
            // Keys stored so far spell their JSON fields as the C# properties (KeyHash), and the key lookup and its
            // index read them so: ingest keeps Marten's default casing rather than the camelCase the others use.
            options.UseSystemTextJsonForSerialization(casing: Casing.Default);
            options.Projections.Snapshot<ApiKey>(SnapshotLifecycle.Inline);
            options.Schema.For<ApiKey>().Index(k => k.KeyHash);
            options.Projections.Snapshot<ModelPriceHistory>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<CatalogueAlias>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<AgreedDiscount>(SnapshotLifecycle.Inline);
            options.Schema.For<PublishedCatalogueChanges>();
        });

        builder.AddMessaging(Schema);

        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = 64 * 1024 * 1024;
            grpc.EnableDetailedErrors = false;
            grpc.Interceptors.Add<InfrastructureFailureInterceptor>();
        });
        builder.Services.AddReadableGrpcRequests();
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
        app.MapListPrices();
        app.MapSetPrices();
        app.MapImportLiteLlm();
        app.MapQuote();
        app.MapPriceBatch();
        app.MapDiscounts();
        app.MapAliases();
        app.MapRetireModel();
        app.MapCatalogueChanges();
        return app;
    }
}
