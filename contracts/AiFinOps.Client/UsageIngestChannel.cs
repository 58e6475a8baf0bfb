using Grpc.Net.Client;

namespace AiFinOps.Client;

public static class UsageIngestChannel
{
    /// <summary>Where <c>dotnet run</c> of the AppHost serves gRPC ingest (HTTP/2 cleartext).</summary>
    public const string DefaultEndpoint = "http://localhost:5170";

    /// <summary>
    /// A channel for long-lived emitters: HTTP/2 (cleartext for <c>http://</c>), several connections when one
    /// connection's stream limit is reached, keep-alive pings so idle connections survive proxies.
    /// </summary>
    public static GrpcChannel Create(string endpoint = DefaultEndpoint) => Create(new Uri(endpoint));

    public static GrpcChannel Create(Uri endpoint) => GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        },
        DisposeHttpClient = true,
    });
}
