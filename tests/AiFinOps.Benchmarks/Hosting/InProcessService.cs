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

    private InProcessService(WebApplication app, Uri address, Uri? grpcAddress)
    {
        this.app = app;
        Address = address;
        GrpcAddress = grpcAddress;
    }

    /// <summary>The HTTP/1.1 endpoint (REST).</summary>
    public Uri Address { get; }

    /// <summary>The HTTP/2 endpoint without TLS (gRPC), when the service was started with one.</summary>
    public Uri? GrpcAddress { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<InProcessService> StartAsync(string name, IReadOnlyDictionary<string, string?> settings,
        Action<WebApplicationBuilder> add, Action<WebApplication> use, bool grpc = false)
    {
        var port = FreePort();
        var grpcPort = grpc ? FreePort() : 0;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = name, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{port}",
            ["Kestrel:Endpoints:http:Protocols"] = "Http1",
        });
        if (grpc)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
                ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
            });
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults();
        add(builder);
        var app = builder.Build();
        use(app);
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return new InProcessService(app, new Uri($"http://127.0.0.1:{port}"), grpc ? new Uri($"http://127.0.0.1:{grpcPort}") : null);
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
