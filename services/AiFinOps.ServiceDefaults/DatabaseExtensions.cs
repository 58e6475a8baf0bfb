using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiFinOps.ServiceDefaults;

public static class DatabaseExtensions
{
    public const string ConnectionName = "aifinops";

    /// <summary>The PostgreSQL connection string every service shares (one schema each), with a readiness check.</summary>
    public static string AddDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' (PostgreSQL) is not configured.");
        builder.Services.AddHealthChecks().AddCheck("postgres", new PostgresHealthCheck(connectionString), tags: ["ready"]);
        return connectionString;
    }
}
