using Scalar.AspNetCore;

namespace AiFinOps.Gateway;

public static class GatewayModule
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromMemory(GatewayRoutes.Routes(), GatewayRoutes.Clusters())
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        // Every service's document, fetched through the routes above (Scalar's default pattern /openapi/{name}.json).
        app.MapScalarApiReference(options =>
        {
            options.WithTitle("AiFinOps API");
            foreach (var (service, title, _) in GatewayRoutes.Services)
            {
                options.AddDocument(service, title, GatewayRoutes.OpenApiPath(service));
            }
        });

        app.MapReverseProxy();
        return app;
    }
}
