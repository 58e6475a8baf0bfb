using System.Net.Http.Headers;
using AiFinOps.ServiceDefaults.Security;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Xunit;

namespace AiFinOps.Testing;

/// <summary>
/// One service against the real PostgreSQL and RabbitMQ, with its own schema (<c>{service}:Schema</c>) and queues
/// (<c>Messaging:Prefix</c>) so test classes run side by side. Every class fixture is one host; keys are
/// <see cref="TestApiKeys"/>.
/// </summary>
public abstract class ServiceApp<TProgram> : WebApplicationFactory<TProgram>, IAsyncLifetime where TProgram : class
{
    private readonly string service;

    protected ServiceApp(string service)
    {
        this.service = service;
        Schema = $"{service}_test_" + Guid.NewGuid().ToString("N")[..10];
    }

    public string Schema { get; }

    /// <summary>The schemas that go with the host: the service's, and any it keeps beside it.</summary>
    protected virtual IEnumerable<string> Schemas => [Schema];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:aifinops", TestServers.Postgres);
        builder.UseSetting("ConnectionStrings:messaging", TestServers.RabbitMq);
        builder.UseSetting($"{service}:Schema", Schema);
        builder.UseSetting("Messaging:Prefix", Schema.Replace('_', '-'));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IApiKeyVerifier>();
            services.AddSingleton<IApiKeyVerifier, TestApiKeys>();
            services.AddSingleton<IConfigureReceiveEndpoint, ExpiringTestQueues>();
            services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        });
    }

    public HttpClient ClientWithKey(string? key)
    {
        var client = CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public Task PublishAsync<T>(T message) where T : class => Services.GetRequiredService<IBus>().Publish(message);

    /// <summary>How many events the streams with these keys hold: what exactly-once is judged by.</summary>
    public async Task<long> EventsInStreamsAsync(IEnumerable<string> streamKeys)
    {
        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"select count(*) from {Schema}.mt_events where stream_id = any($1)", connection);
        count.Parameters.Add(new NpgsqlParameter { Value = streamKeys.ToArray() });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (TestServers.PostgresIfSet is not { } postgres) return;
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        foreach (var schema in Schemas)
        {
            await using var drop = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
