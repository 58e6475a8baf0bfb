namespace AiFinOps.Allocation.Focus;

/// <summary>
/// Pure: a total split over the token SKUs of a charge so that the shares sum to it exactly. What the known parts do
/// not explain is spread in proportion to the first set of weights that is not all zero; each proportional share is
/// computed to <see cref="Scale"/> decimal places and the last share takes the remainder, so nothing is lost.
/// </summary>
public static class CostShares
{
    /// <summary>Decimal places of a proportional share (1e-18 USD), as many as the Parquet decimals hold.</summary>
    public const int Scale = 18;

    /// <summary>The shares, or null when there is something to spread and every set of weights is all zeros.</summary>
    public static decimal[]? Split(decimal total, IReadOnlyList<decimal> known, params IReadOnlyList<decimal>[] weightSets)
    {
        var shares = known.ToArray();
        var rest = total;
        foreach (var share in shares) rest -= share;
        if (rest == 0m) return shares;
        foreach (var weights in weightSets)
        {
            var w = new decimal[weights.Count];
            var sum = 0m;
            for (var i = 0; i < w.Length; i++) sum += w[i] = Math.Abs(weights[i]);
            if (sum == 0m) continue;
            var ratio = rest / sum;
            var last = Array.FindLastIndex(w, x => x != 0m);
            var given = 0m;
            for (var i = 0; i < last; i++)
            {
                if (w[i] == 0m) continue;
                var share = decimal.Round(w[i] * ratio, Scale, MidpointRounding.ToEven);
                shares[i] += share;
                given += share;
            }
            shares[last] += rest - given;
            return shares;
        }
        return null;
    }
}
