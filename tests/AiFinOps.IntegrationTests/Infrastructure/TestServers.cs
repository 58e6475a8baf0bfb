using Npgsql;

namespace AiFinOps.IntegrationTests.Infrastructure;

/// <summary>The real PostgreSQL and RabbitMQ the test command started. Missing variables fail loudly, never skip.</summary>
public static class TestServers
{
    public static string Postgres => Variable("AIFINOPS_TEST_POSTGRES");
    public static string RabbitMq => Variable("AIFINOPS_TEST_RABBITMQ");

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

    private static string Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with deploy/local/test.sh, which starts PostgreSQL and RabbitMQ and sets it.");
}
