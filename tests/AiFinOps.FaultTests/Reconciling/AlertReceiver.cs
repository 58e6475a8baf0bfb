using System.Collections.Concurrent;
using AiFinOps.FaultTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AiFinOps.FaultTests.Reconciling;

/// <summary>A user's alert webhook on loopback (real Kestrel): notes every delivery it receives, by alert id and
/// delivery id (the headers notifications sends), duplicates included.</summary>
public sealed class AlertReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private AlertReceiver(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Every delivery received: (alert id, delivery id).</summary>
    public ConcurrentQueue<(string AlertId, string DeliveryId)> Deliveries { get; } = new();

    public static async Task<AlertReceiver> StartAsync()
    {
        var port = FreePorts.One();
        var builder = WebApplication.CreateSlimBuilder();
        // The services' appsettings.json land in the test's output folder (ingest's names Kestrel endpoints on 5170
        // and 5171, which would win over UseUrls): the receiver reads no configuration file.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = $"http://127.0.0.1:{port}" });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new AlertReceiver(app, new Uri($"http://127.0.0.1:{port}/alerts"));
        app.MapPost("/alerts", (HttpRequest request) =>
        {
            receiver.Deliveries.Enqueue((request.Headers["X-AiFinOps-Alert-Id"].ToString(), request.Headers["X-AiFinOps-Delivery-Id"].ToString()));
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
