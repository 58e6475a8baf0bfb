using System.Text.Json;

namespace AiFinOps.Deploy.Tests.Rendering;

/// <summary>The image each service project publishes (<c>dotnet publish -t:PublishContainer</c>), as MSBuild evaluates
/// its <c>ContainerRepository</c> and <c>ContainerImageTag</c> (Directory.Build.props).</summary>
public static class ContainerImageNames
{
    /// <summary>Every web project under services/ (the services that run as containers), with its image.</summary>
    public static IReadOnlyList<(string Project, string Image)> OfServiceProjects() =>
    [
        .. Directory.EnumerateFiles(Path.Combine(Repository.Root, "services"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => File.ReadAllText(p).Contains("Sdk=\"Microsoft.NET.Sdk.Web\"", StringComparison.Ordinal))
            .Order()
            .Select(p => (Path.GetFileNameWithoutExtension(p), Of(p))),
    ];

    public static string Of(string project)
    {
        var json = ExternalCommand.Run("dotnet", "The .NET SDK is required.",
            "msbuild", project, "-getProperty:ContainerRepository", "-getProperty:ContainerImageTag");
        var properties = JsonDocument.Parse(json).RootElement.GetProperty("Properties");
        return $"{properties.GetProperty("ContainerRepository").GetString()}:{properties.GetProperty("ContainerImageTag").GetString()}";
    }
}
