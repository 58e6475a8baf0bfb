using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AiFinOps.Testing;

/// <summary>
/// One request a <see cref="LoopbackWebhook"/> received: the alert and delivery ids notifications sends as headers
/// (<c>X-AiFinOps-Alert-Id</c>, <c>X-AiFinOps-Delivery-Id</c>), the JSON body, and when it arrived
/// (<see cref="Stopwatch.GetTimestamp"/>).
/// </summary>
public sealed record WebhookDelivery(string AlertId, string DeliveryId, JsonElement Body, long ReceivedAt);

/// <summary>
/// A user's alert webhook on loopback (real Kestrel on a port the system chooses): answers 200 and keeps every request
/// it is sent, duplicates included. Used by the integration tests, the fault tests and the alert-latency benchmark.
/// </summary>
public sealed class LoopbackWebhook : IAsyncDisposable
{
    private const string Path = "/alerts";
    private readonly WebApplication app;

    private LoopbackWebhook(WebApplication app) => this.app = app;

    /// <summary>The address to subscribe; set once started.</summary>
    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<WebhookDelivery> Received { get; } = new();

    public static async Task<LoopbackWebhook> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // No configuration file: the services' appsettings.json land beside the tests, and ingest's names Kestrel
        // endpoints that would win over the address below.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var webhook = new LoopbackWebhook(app);
        app.MapPost(Path, async (HttpRequest request) =>
        {
            var at = Stopwatch.GetTimestamp();
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            webhook.Received.Enqueue(new WebhookDelivery(request.Headers["X-AiFinOps-Alert-Id"].ToString(),
                request.Headers["X-AiFinOps-Delivery-Id"].ToString(), body, at));
            return Results.Ok();
        });
        await app.StartAsync();
        // Once started, the addresses are the ones Kestrel bound: the port the system chose for :0.
        webhook.Url = new Uri(new Uri(app.Urls.First()), Path);
        return webhook;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
