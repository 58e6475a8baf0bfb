using Microsoft.Extensions.Configuration;

namespace AiFinOps.AppHost.Infrastructure;

public static class ConfiguredPorts
{
    /// <summary>
    /// Puts a service endpoint on the port configured as <c>Ports:{resource}:{endpoint}</c> (e.g. <c>Ports:ingest:grpc</c>),
    /// so a second system on one machine, or a test that reaches the services from outside, avoids the defaults
    /// (ingest 5170 and 5171, the gateway 8080, the others dynamic). Call it after every project is added.
    /// </summary>
    public static IDistributedApplicationBuilder UseConfiguredPorts(this IDistributedApplicationBuilder builder)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            foreach (var endpoint in project.Annotations.OfType<EndpointAnnotation>())
            {
                if (builder.Configuration.GetValue<int?>($"Ports:{project.Name}:{endpoint.Name}") is { } port) endpoint.Port = port;
            }
        }
        return builder;
    }
}
