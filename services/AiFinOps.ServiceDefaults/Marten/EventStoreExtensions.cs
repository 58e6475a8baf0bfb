using JasperFx.Events;
using JasperFx.OpenTelemetry;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Weasel.Core;

namespace AiFinOps.ServiceDefaults.Marten;

public static class EventStoreExtensions
{
    /// <summary>
    /// Marten as every service runs it, on the data source of <see cref="DatabaseExtensions.AddDatabase"/>: the
    /// service's own schema, camelCase System.Text.Json, string stream keys, lightweight sessions, OpenTelemetry, and
    /// schema changes applied on startup under <paramref name="applyChangesLockId"/>, which must be the service's own
    /// because the services share one database and start together. <paramref name="configure"/> adds the service's
    /// projections and documents.
    /// </summary>
    public static IHostApplicationBuilder AddEventStore(this IHostApplicationBuilder builder, string schema,
        int applyChangesLockId, Action<StoreOptions> configure)
    {
        builder.Services.AddMarten(options =>
            {
                options.DatabaseSchemaName = schema;
                options.ApplyChangesLockId = applyChangesLockId;
                options.UseSystemTextJsonForSerialization(casing: Casing.CamelCase);
                options.Events.StreamIdentity = StreamIdentity.AsString;
                options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();
                configure(options);
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();
        return builder;
    }
}
