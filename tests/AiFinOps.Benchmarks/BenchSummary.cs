namespace AiFinOps.Benchmarks;

/// <summary>
/// The headline figures of a complete run (<c>bench.sh all</c>), collected from each scenario as it prints its own table
/// and printed once more at the end next to issue 9's targets, so one screen answers "how fast, against what".
/// </summary>
public static class BenchSummary
{
    private static readonly List<(string Figure, string Value, string Target)> Figures = [];

    /// <summary>The raw PostgreSQL COPY rate of this run (rows/s), the yardstick other figures are related to.</summary>
    public static double? CopyRowsPerSecond { get; set; }

    public static void Add(string figure, string value, string target = "")
    {
        lock (Figures) Figures.Add((figure, value, target));
    }

    /// <summary>A latency as the number of rows this machine COPYs in the same time: comparable across machines.</summary>
    public static string InCopyRows(double milliseconds) =>
        CopyRowsPerSecond is { } rate ? $" (≙ {milliseconds / 1000 * rate:N0} COPY rows)" : "";

    public static void Print()
    {
        Console.WriteLine();
        Console.WriteLine("## Summary");
        Console.WriteLine();
        Console.WriteLine("| figure | value | issue 9 target |");
        Console.WriteLine("|---|---|---|");
        lock (Figures)
        {
            foreach (var (figure, value, target) in Figures) Console.WriteLine($"| {figure} | {value} | {target} |");
        }
    }
}
