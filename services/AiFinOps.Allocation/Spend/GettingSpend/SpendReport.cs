namespace AiFinOps.Allocation.Spend.GettingSpend;

/// <summary>The answer of <c>GET /api/v1/spend</c>. Each row holds its dimension values, its <c>period</c> (first day, UTC) when a granularity was asked, then the <see cref="SpendLine"/> figures.</summary>
public sealed record SpendReport(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<string> GroupBy,
    string? Granularity,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows,
    SpendLine Totals);
