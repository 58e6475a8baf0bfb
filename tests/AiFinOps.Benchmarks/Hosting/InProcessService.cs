using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace AiFinOps.Benchmarks.Hosting;

/// <summary>A service started in this process on a free loopback port, with its real Kestrel server and wiring.</summary>
public sealed class InProcessService : IAsyncDisposable
{
    private readonly WebApplication app;

    private InProcessService(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<InProcessService> StartAsync(string name, IReadOnlyDictionary<string, string?> settings,
        Action<WebApplicationBuilder> add, Action<WebApplication> use)
    {
        var port = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = name, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddServiceDefaults();
        add(builder);
        var app = builder.Build();
        use(app);
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return new InProcessService(app, new Uri($"http://127.0.0.1:{port}"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
