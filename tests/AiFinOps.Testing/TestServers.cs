using Npgsql;

namespace AiFinOps.Testing;

/// <summary>The real PostgreSQL and RabbitMQ the test command starts (deploy/local/test.sh, .ci/run).</summary>
public static class TestServers
{
    public static string Postgres => Required("AIFINOPS_TEST_POSTGRES", "an Npgsql connection string");
    public static string RabbitMq => Required("AIFINOPS_TEST_RABBITMQ", "an amqp://user:pass@host:port/ URI");

    /// <summary>For clean-up, which must not hide the missing-variable failure behind one of its own.</summary>
    public static string? PostgresIfSet => Environment.GetEnvironmentVariable("AIFINOPS_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    /// <summary>A fresh database per test class, so classes run in parallel without seeing each other.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(Postgres))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }

    private static string Required(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: these tests need a real server ({what}). Run them through deploy/local/test.sh, which starts one.");
}
