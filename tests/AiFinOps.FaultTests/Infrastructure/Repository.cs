namespace AiFinOps.FaultTests.Infrastructure;

/// <summary>Where the repository, its scripts and the services' build output are, seen from the test assembly.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration the tests were built in (Debug or Release): the services were built in the same.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).Contains("Release") ? "Release" : "Debug";

    public static string Script(string name) => Path.Combine(Root, "deploy", "local", name);

    /// <summary>The built entry assembly of a project under <c>services/</c> (or the AppHost at the root).</summary>
    public static string ServiceAssembly(string project)
    {
        var folder = project == "AiFinOps.AppHost" ? Path.Combine(Root, project) : Path.Combine(Root, "services", project);
        var dll = Path.Combine(folder, "bin", Configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll
            : throw new FileNotFoundException($"{dll} is missing: build tests/AiFinOps.FaultTests (it builds the services) in {Configuration}", dll);
    }

    /// <summary>Logs of the processes a test starts: under <c>$AIFINOPS_TEST_ARTIFACTS/faults</c>, else the temporary folder.</summary>
    public static string LogFolder(string scenario)
    {
        var root = Environment.GetEnvironmentVariable("AIFINOPS_TEST_ARTIFACTS") is { Length: > 0 } artifacts
            ? Path.Combine(artifacts, "faults")
            : Path.Combine(Path.GetTempPath(), "aifinops-faults");
        var folder = Path.Combine(root, scenario);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AiFinOps.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("AiFinOps.sln not found above " + AppContext.BaseDirectory);
    }
}
