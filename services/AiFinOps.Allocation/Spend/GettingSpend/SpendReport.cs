namespace AiFinOps.Allocation.Spend.GettingSpend;

/// <summary>The answer of <c>GET /api/v1/spend</c>. Each row holds its dimension values then the <see cref="SpendLine"/> figures.</summary>
public sealed record SpendReport(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<string> GroupBy,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows,
    SpendLine Totals);
