namespace AiFinOps.AppHost.Infrastructure;

public static class InfrastructureBuilderExtensions
{
    /// <summary>Chooses the <see cref="InfrastructureMode"/> (configuration <c>Infrastructure</c>, else containers when
    /// a container engine answers, else executables) and opens the data folder.</summary>
    public static AiFinOpsInfrastructure AddAiFinOpsInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var mode = InfrastructureModes.Select(configuration[InfrastructureModes.ConfigurationKey], () =>
            ContainerEngine.Answers(configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"],
                TimeSpan.FromSeconds(5)));
        var data = LocalData.Open(LocalData.ResolveRoot(configuration[LocalData.ConfigurationKey],
            Environment.IsPrivilegedProcess, configuration["XDG_DATA_HOME"],
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)));

        Console.WriteLine($"AiFinOps: infrastructure '{mode.ToString().ToLowerInvariant()}', data and secrets in {data.Root}");
        return new AiFinOpsInfrastructure(builder, mode, data);
    }

    /// <summary>Gives a project the <c>http</c> endpoint other resources discover it by, unless its launch profile or
    /// Kestrel configuration already declares one.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpointUnlessDeclared(this IResourceBuilder<ProjectResource> project, int? port = null) =>
        project.Resource.Annotations.OfType<EndpointAnnotation>().Any(e => e.Name == "http")
            ? project
            : project.WithHttpEndpoint(port: port, name: "http");
}
