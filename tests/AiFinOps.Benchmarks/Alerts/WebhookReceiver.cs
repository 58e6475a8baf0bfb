using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AiFinOps.Benchmarks.Alerts;

/// <summary>
/// A webhook receiver on loopback, as a user's alert endpoint would be: it answers 200 and notes when each alert's
/// first delivery arrived (Stopwatch ticks), by the alert's scope.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, long> arrivals = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Deliveries received, duplicates included.</summary>
    public int Received => received;
    private int received;

    public bool TryGetArrival(string scope, out long ticks) => arrivals.TryGetValue(scope, out ticks);

    public static async Task<WebhookReceiver> StartAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, new Uri($"http://127.0.0.1:{port}/hook"));
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var at = Stopwatch.GetTimestamp();
            using var body = await JsonDocument.ParseAsync(request.Body);
            Interlocked.Increment(ref receiver.received);
            if (body.RootElement.TryGetProperty("scope", out var scope) && scope.GetString() is { } name)
                receiver.arrivals.TryAdd(name, at);
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
