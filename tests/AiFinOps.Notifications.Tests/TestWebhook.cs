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
/// <see cref="statusOf"/> gives the n-th call (1 = the first), 200 unless told otherwise.
/// </summary>
public sealed class TestWebhook : IAsyncDisposable
{
    private readonly WebApplication app;
    private int calls;

    private TestWebhook(Func<int, int> statusOf)
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
            http.Response.StatusCode = statusOf(Interlocked.Increment(ref calls));
            await http.Response.WriteAsync(http.Response.StatusCode >= 300 ? "receiver says no" : "ok");
        });
    }

    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();

    public string Url => app.Urls.Single() + "/hook";

    public static async Task<TestWebhook> StartAsync(Func<int, int>? statusOf = null)
    {
        var webhook = new TestWebhook(statusOf ?? (_ => 200));
        await webhook.app.StartAsync();
        return webhook;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
