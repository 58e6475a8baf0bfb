using System.Net;
using System.Net.Http.Headers;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.AppHost.Tests;

public class AppHostTests(RunningAppHost system) : IClassFixture<RunningAppHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Every_resource_becomes_healthy_in_executables_mode()
    {
        var resources = system.App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(r => r is ProjectResource or ExecutableResource or ContainerResource)
            .Where(r => !r.Annotations.OfType<ExplicitStartupAnnotation>().Any())
            .Select(r => r.Name)
            .ToList();
        Assert.Contains("postgres", resources);
        Assert.Contains("rabbitmq", resources);
        Assert.Contains("ingest", resources);
        Assert.Contains("gateway", resources);

        using var timeout = new CancellationTokenSource(Patience);
        var waits = resources.Select(r => system.WaitUntilHealthyAsync(r, timeout.Token)).ToList();
        try
        {
            await Task.WhenAll(waits);
        }
        catch (OperationCanceledException)
        {
            var unhealthy = resources.Where((_, i) => !waits[i].IsCompletedSuccessfully).Select(r => $"{r} ({system.Describe(r)})");
            Assert.Fail($"Not healthy after {Patience.TotalMinutes} minutes: {string.Join("; ", unhealthy)}");
        }
    }

    [Fact]
    public async Task The_gateway_routes_to_the_services_and_the_admin_key_reaches_ingest()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await Task.WhenAll(system.WaitUntilHealthyAsync("gateway", timeout.Token), system.WaitUntilHealthyAsync("ingest", timeout.Token),
            system.WaitUntilHealthyAsync("web", timeout.Token));
        using var gateway = system.App.CreateHttpClient("gateway", "http");

        // The dashboard answers "/" through the gateway: without a session, its sign-in page (which links the API reference).
        var landing = await gateway.GetStringAsync("/", timeout.Token);
        Assert.Contains("API key", landing);
        Assert.Contains("/scalar", landing);

        var ingestDocument = await gateway.GetStringAsync("/openapi/ingest.json", timeout.Token);
        Assert.Contains("\"openapi\"", ingestDocument);

        using var anonymous = await gateway.GetAsync("/api/v1/keys", timeout.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/keys");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RunningAppHost.AdminKey);
        using var asAdmin = await gateway.SendAsync(request, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
    }
}
