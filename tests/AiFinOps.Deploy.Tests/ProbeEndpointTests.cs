using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace AiFinOps.Deploy.Tests;

/// <summary>The probes the manifests point at are mapped by ServiceDefaults in Production too, not only in Development,
/// and answer without an API key.</summary>
public sealed class ProbeEndpointTests
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Probe_endpoints_answer_in_production_without_an_api_key(string path)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();

        var response = await app.GetTestClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_names_each_failing_check_and_why_while_alive_stays_healthy()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks()
            .AddCheck("receive-queues", () => HealthCheckResult.Unhealthy("RabbitMQ cannot be reached (connection refused)",
                new InvalidOperationException("stack traces stay in the log")))
            .AddCheck("postgres", () => HealthCheckResult.Healthy("PostgreSQL answers"));
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();

        var health = await app.GetTestClient().GetAsync("/health");
        var alive = await app.GetTestClient().GetAsync("/alive");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy\nreceive-queues: Unhealthy — RabbitMQ cannot be reached (connection refused)",
            await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("Healthy", await alive.Content.ReadAsStringAsync());
    }
}
