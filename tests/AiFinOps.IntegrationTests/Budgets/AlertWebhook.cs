using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace AiFinOps.IntegrationTests.Budgets;

/// <summary>A user's alert endpoint on loopback (real Kestrel): keeps every body it is sent, with its delivery id header.</summary>
public sealed class AlertWebhook : IAsyncDisposable
{
    private readonly WebApplication app;

    private AlertWebhook(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<(string DeliveryId, JsonElement Body)> Received { get; } = new();

    public static async Task<AlertWebhook> StartAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var builder = WebApplication.CreateSlimBuilder();
        // Not the services' appsettings.json beside the tests: its Kestrel endpoints (ingest's ports) would override the URL.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var webhook = new AlertWebhook(app, new Uri($"http://127.0.0.1:{port}/alerts"));
        app.MapPost("/alerts", async (HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            webhook.Received.Enqueue((request.Headers["X-AiFinOps-Delivery-Id"].ToString(), body));
            return Results.Ok();
        });
        await app.StartAsync();
        return webhook;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
