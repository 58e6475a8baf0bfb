namespace AiFinOps.IntegrationTests.Focus;

/// <summary>The FOCUS 1.2 column table of docs/reference/focus-1.2-columns.md, as the export is checked against it.</summary>
public static class FocusReference
{
    public sealed record Column(string Name, string Level, bool NullsAllowed, string Type);

    public static IReadOnlyList<Column> Columns { get; } = Read();

    public static IEnumerable<Column> Mandatory => Columns.Where(c => c.Level == "Mandatory");

    private static List<Column> Read()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AiFinOps.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("AiFinOps.sln not found"), "docs", "reference", "focus-1.2-columns.md");
        var columns = File.ReadLines(path)
            .Where(l => l.StartsWith('|'))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .Where(c => c.Length >= 6 && c[0] != "Column" && !c[0].StartsWith("---", StringComparison.Ordinal))
            .Select(c => new Column(c[0], c[2], bool.Parse(c[3]), c[4]))
            .ToList();
        Assert.Equal(21, columns.Count(c => c.Level == "Mandatory"));
        return columns;
    }
}
