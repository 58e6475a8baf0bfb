using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace AiFinOps.Gateway;

/// <summary>Which service answers which path (docs/CONVENTIONS.md, "Gateway routes"). Each service is a YARP cluster
/// whose one destination, <c>http://{service}</c>, is resolved by service discovery. Every other path — <c>/</c>, the
/// pages, Blazor's <c>/_blazor</c> WebSocket and <c>/_framework</c> assets — goes to the web dashboard.</summary>
public static class GatewayRoutes
{
    /// <summary>The web dashboard's resource name (and so its service-discovery host).</summary>
    public const string Dashboard = "web";

    /// <summary>The dashboard's catch-all yields to every other route and to the gateway's own endpoints
    /// (<c>/scalar</c>, <c>/health</c>), which keep the default order 0.</summary>
    public const int DashboardOrder = 1_000;

    public static readonly IReadOnlyList<(string Service, string Title, string[] PathPrefixes)> Services =
    [
        ("ingest", "Ingest: API keys and the price catalogue", ["/api/v1/keys", "/api/v1/prices", DeadLetters("ingest")]),
        ("allocation", "Allocation: spend, chargeback and the ledger", [
            "/api/v1/spend", "/api/v1/chargeback", "/api/v1/ledger", "/api/v1/periods", "/api/v1/cost-centres",
            "/api/v1/shared-costs", "/api/v1/exports", "/api/v1/data-quality", "/api/v1/admin/ledger", DeadLetters("allocation"),
        ]),
        ("budgeting", "Budgeting: budgets and thresholds", ["/api/v1/budgets", DeadLetters("budgeting")]),
        ("anomaly", "Anomaly: workflows, runs and anomalies", ["/api/v1/workflows", "/api/v1/runs", "/api/v1/anomalies", DeadLetters("anomaly")]),
        ("reporting", "Reporting: reports and review packs", ["/api/v1/reports", "/hangfire", DeadLetters("reporting")]),
        ("notifications", "Notifications: alert subscriptions and deliveries", ["/api/v1/subscriptions", "/api/v1/deliveries", DeadLetters("notifications")]),
    ];

    /// <summary>Each service with a bus answers for its own dead-letter queues (ServiceDefaults' DeadLetterEndpoints).</summary>
    private static string DeadLetters(string service) => $"/api/v1/admin/dead-letters/{service}";

    /// <summary>The gateway's path of a service's OpenAPI document (the service serves it at <c>/openapi/v1.json</c>).</summary>
    public static string OpenApiPath(string service) => $"/openapi/{service}.json";

    public static IReadOnlyList<RouteConfig> Routes() =>
    [
        .. Services.SelectMany(s => s.PathPrefixes.Select(prefix => new RouteConfig
        {
            RouteId = $"{s.Service}{prefix.Replace('/', '-')}",
            ClusterId = s.Service,
            // A catch-all may be empty: "/api/v1/budgets" matches as well as "/api/v1/budgets/b-1/status".
            Match = new RouteMatch { Path = prefix + "/{**rest}" },
        })),
        // The original Host header makes the service name the gateway as the document's server, so the API
        // reference sends its "try it" calls through the gateway too.
        .. Services.Select(s => new RouteConfig
        {
            RouteId = $"{s.Service}-openapi",
            ClusterId = s.Service,
            Match = new RouteMatch { Path = OpenApiPath(s.Service) },
        }.WithTransformPathSet("/openapi/v1.json").WithTransformUseOriginalHostHeader()),
        // The original Host header, so the dashboard's redirects (sign-in) and links name the gateway, not itself.
        new RouteConfig
        {
            RouteId = Dashboard,
            ClusterId = Dashboard,
            Order = DashboardOrder,
            Match = new RouteMatch { Path = "/{**rest}" },
        }.WithTransformUseOriginalHostHeader(),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters() =>
    [
        .. Services.Select(s => s.Service).Append(Dashboard).Select(service => new ClusterConfig
        {
            ClusterId = service,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [service] = new() { Address = $"http://{service}" },
            },
        }),
    ];
}
