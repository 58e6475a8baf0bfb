using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiFinOps.Notifications.Tests;

/// <summary>One request a <see cref="TestWebhook"/> received: its headers and its exact body.</summary>
public sealed record ReceivedCall(IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}

/// <summary>
/// A real webhook receiver: Kestrel on 127.0.0.1 and a free port, answering POST <c>/hook</c> with the status
/// <c>statusOf</c> gives the n-th call (1 = the first), 200 unless told otherwise, after the wait <c>delayOf</c> gives
/// it (none unless told; a caller that gives up ends the wait).
/// </summary>
public sealed class TestWebhook : IAsyncDisposable
{
    private readonly WebApplication app;
    private int calls;

    private TestWebhook(Func<int, int> statusOf, Func<int, TimeSpan> delayOf)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            Calls.Enqueue(new(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray()));
            var call = Interlocked.Increment(ref calls);
            if (delayOf(call) is { } delay && delay > TimeSpan.Zero)
            {
                try { await Task.Delay(delay, http.RequestAborted); } catch (OperationCanceledException) { return; }
            }
            http.Response.StatusCode = statusOf(call);
            await http.Response.WriteAsync(http.Response.StatusCode >= 300 ? "receiver says no" : "ok");
        });
    }

    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();

    public string Url => app.Urls.Single() + "/hook";

    public static async Task<TestWebhook> StartAsync(Func<int, int>? statusOf = null, Func<int, TimeSpan>? delayOf = null)
    {
        var webhook = new TestWebhook(statusOf ?? (_ => 200), delayOf ?? (_ => TimeSpan.Zero));
        await webhook.app.StartAsync();
        return webhook;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
