using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AiFinOps.ServiceDefaults;

public static class DatabaseExtensions
{
    public const string ConnectionName = "aifinops";

    /// <summary>
    /// The PostgreSQL database every service shares (one schema each): its connection string, returned, the service's
    /// one <see cref="NpgsqlDataSource"/>, and a readiness check.
    /// </summary>
    public static string AddDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' (PostgreSQL) is not configured.");
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddHealthChecks().AddCheck("postgres", new PostgresHealthCheck(connectionString), tags: ["ready"]);
        return connectionString;
    }
}
