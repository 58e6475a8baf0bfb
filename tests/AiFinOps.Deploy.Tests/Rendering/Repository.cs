namespace AiFinOps.Deploy.Tests.Rendering;

/// <summary>Paths in the repository the tests run from (found by walking up to <c>AiFinOps.sln</c>).</summary>
public static class Repository
{
    public static readonly string Root = FindRoot();

    public static string Kubernetes => Path.Combine(Root, "deploy", "kubernetes");

    public static string Overlay(string name) => Path.Combine(Kubernetes, "overlays", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiFinOps.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"AiFinOps.sln not found above {AppContext.BaseDirectory}.");
    }
}
