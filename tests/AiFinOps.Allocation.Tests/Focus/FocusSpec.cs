namespace AiFinOps.Allocation.Tests.Focus;

/// <summary>
/// The FOCUS 1.2 column reference (docs/reference/focus-1.2-columns.md, from the specification's v1.2 tag), read
/// from its markdown table so the tests check the export against the table itself, not a copy of it in code.
/// </summary>
internal static class FocusSpec
{
    public sealed record Column(string Name, string Level, bool NullsAllowed, string Type);

    public static IReadOnlyList<Column> Columns { get; } = Read();

    public static string ReferencePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AiFinOps.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("AiFinOps.sln not found above " + AppContext.BaseDirectory);
        return Path.Combine(dir.FullName, "docs", "reference", "focus-1.2-columns.md");
    }

    private static List<Column> Read()
    {
        var columns = File.ReadLines(ReferencePath())
            .Where(l => l.StartsWith('|'))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .Where(c => c.Length >= 6 && c[0] != "Column" && !c[0].StartsWith("---", StringComparison.Ordinal))
            .Select(c => new Column(c[0], c[2], bool.Parse(c[3]), c[4]))
            .ToList();
        Assert.True(columns.Count > 50, $"the reference table should list every FOCUS 1.2 column, found {columns.Count}");
        return columns;
    }
}
