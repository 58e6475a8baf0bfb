using System.Net.Http.Headers;
using AiFinOps.Contracts.Messages;
using AiFinOps.ServiceDefaults.Security;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace AiFinOps.Budgeting.Tests;

/// <summary>
/// The budgeting service against the real PostgreSQL and RabbitMQ, with its own schema and queues so test classes
/// run side by side. Every class fixture is one host.
/// </summary>
public sealed class BudgetingApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string Schema { get; } = "budgeting_test_" + Guid.NewGuid().ToString("N")[..10];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:aifinops", TestServers.Postgres);
        builder.UseSetting("ConnectionStrings:messaging", TestServers.RabbitMq);
        builder.UseSetting("Budgeting:Schema", Schema);
        builder.UseSetting("Messaging:Prefix", Schema.Replace('_', '-'));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IApiKeyVerifier>();
            services.AddSingleton<IApiKeyVerifier, TestApiKeys>();
            services.AddSingleton<IConfigureReceiveEndpoint, TemporaryTestQueues>();
            services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        });
    }

    public HttpClient ClientWithKey(string? key)
    {
        var client = CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public Task PublishAsync(UsageBatchPriced batch) => Services.GetRequiredService<IBus>().Publish(batch);

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (TestServers.PostgresIfSet is not { } postgres) return;
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop schema if exists {Schema} cascade", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Test queues go away with their host instead of collecting every later run's messages.</summary>
    private sealed class TemporaryTestQueues : IConfigureReceiveEndpoint
    {
        public void Configure(string name, IReceiveEndpointConfigurator configurator)
        {
            if (configurator is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.AutoDelete = true;
        }
    }
}
