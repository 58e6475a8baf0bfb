namespace AiFinOps.Allocation.Chargeback.GettingStatements;

/// <summary>
/// Which period a statement covers and in what state: <see cref="Status"/> <c>open</c> (it follows the ledger and the
/// rules as they are now) or <c>closed</c> (frozen at <see cref="FrozenAt"/>, when the period closed).
/// </summary>
public sealed record StatementHeading(
    string Period,
    string TimeZone,
    DateTimeOffset From,
    DateTimeOffset To,
    string Status,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    DateTimeOffset? FrozenAt);

/// <summary>A statement line: its values of the grouped dimensions (in <c>groupBy</c> order), its charge class, and the shared cost it is a share of.</summary>
public sealed record ChargebackLine(IReadOnlyList<string> Dimensions, string ChargeClass, string? SharedFrom, ChargeAmounts Amounts);

/// <summary>
/// A billing period's chargeback statement: lines per the grouped dimensions, regular and correction lines apart,
/// shares of shared costs apart, subtotals per charge class and totals — all exact sums of the charges shown.
/// <see cref="Teams"/>: the teams a restricted key sees (empty: the whole organisation).
/// </summary>
public sealed record ChargebackStatement(
    StatementHeading Heading,
    IReadOnlyList<string> GroupBy,
    IReadOnlyList<string> Teams,
    IReadOnlyList<ChargebackLine> Lines,
    IReadOnlyDictionary<string, ChargeAmounts> ByChargeClass,
    ChargeAmounts Totals)
{
    /// <summary>Pure: the charges a key may see, grouped, ordered (regular first, then by dimension values) and summed.</summary>
    public static ChargebackStatement Build(StatementHeading heading, IEnumerable<Charge> charges, IReadOnlyList<string> groupBy,
        IReadOnlyList<string> onlyTeams)
    {
        var visible = onlyTeams.Count == 0 ? charges : charges.Where(c => onlyTeams.Contains(c.Team, StringComparer.Ordinal));
        var lines = visible
            .GroupBy(c => new LineKey([.. groupBy.Select(c.Dimension)], c.ChargeClass, c.SharedFrom))
            .Select(g => new ChargebackLine(g.Key.Values, g.Key.ChargeClass, g.Key.SharedFrom,
                g.Select(c => c.Amounts).Aggregate((a, b) => a.Add(b))))
            .OrderBy(l => l.ChargeClass == Charge.Regular ? 0 : 1)
            .ThenBy(l => l.Dimensions, Ordinal.Instance)
            .ThenBy(l => l.SharedFrom ?? "", StringComparer.Ordinal)
            .ToList();
        var byClass = new Dictionary<string, ChargeAmounts>
        {
            [Charge.Regular] = Sum(lines.Where(l => l.ChargeClass == Charge.Regular)),
            [Charge.Correction] = Sum(lines.Where(l => l.ChargeClass == Charge.Correction)),
        };
        return new ChargebackStatement(heading, groupBy, onlyTeams, lines, byClass, Sum(lines));
    }

    private static ChargeAmounts Sum(IEnumerable<ChargebackLine> lines) =>
        lines.Aggregate(ChargeAmounts.Zero, (total, line) => total.Add(line.Amounts));

    private sealed record LineKey(IReadOnlyList<string> Values, string ChargeClass, string? SharedFrom)
    {
        public bool Equals(LineKey? other) =>
            other is not null && ChargeClass == other.ChargeClass && SharedFrom == other.SharedFrom && Values.SequenceEqual(other.Values);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var value in Values) hash.Add(value);
            hash.Add(ChargeClass);
            hash.Add(SharedFrom);
            return hash.ToHashCode();
        }
    }

    private sealed class Ordinal : IComparer<IReadOnlyList<string>>
    {
        public static readonly Ordinal Instance = new();

        public int Compare(IReadOnlyList<string>? x, IReadOnlyList<string>? y)
        {
            for (var i = 0; i < Math.Min(x!.Count, y!.Count); i++)
            {
                var order = string.CompareOrdinal(x[i], y[i]);
                if (order != 0) return order;
            }
            return x.Count.CompareTo(y.Count);
        }
    }
}
