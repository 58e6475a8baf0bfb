using System.Numerics;

namespace AiFinOps.Allocation.SharedCosts;

/// <summary>
/// Pure, exact splitting by the largest-remainder method: an amount is cut into parts in proportion to weights, every
/// part a whole number of the amount's own smallest unit (0.01 for 12.34, 0.000001 for 0.001500), and the parts sum
/// to the amount exactly — no cent, no micro-dollar, no token lost or made. Units left over after rounding every
/// ideal share down go one each to the largest remainders (ties to the earlier weight).
/// </summary>
public static class CostSplit
{
    /// <param name="weights">Not negative, not all zero.</param>
    public static decimal[] Split(decimal amount, IReadOnlyList<decimal> weights)
    {
        var scale = amount.Scale;
        var (units, negative) = Units(amount);
        return [.. SplitUnits(units, weights).Select(part => FromUnits(part, negative, scale))];
    }

    /// <param name="weights">Not negative, not all zero.</param>
    public static long[] Split(long amount, IReadOnlyList<decimal> weights) =>
        [.. SplitUnits(BigInteger.Abs(amount), weights).Select(part => amount < 0 ? -(long)part : (long)part)];

    private static BigInteger[] SplitUnits(BigInteger units, IReadOnlyList<decimal> weights)
    {
        if (weights.Count == 0) throw new ArgumentException("Split among at least one weight.", nameof(weights));
        if (weights.Any(w => w < 0)) throw new ArgumentException("Weights must not be negative.", nameof(weights));
        // Weights as integers at their common scale, so the shares are exact ratios of big integers.
        var scale = weights.Max(w => w.Scale);
        var integral = weights.Select(w => Units(w).Units * BigInteger.Pow(10, scale - w.Scale)).ToArray();
        var total = integral.Aggregate(BigInteger.Zero, (a, b) => a + b);
        if (total.IsZero) throw new ArgumentException("Weights must not all be zero.", nameof(weights));

        var parts = new BigInteger[integral.Length];
        var remainders = new BigInteger[integral.Length];
        var given = BigInteger.Zero;
        for (var i = 0; i < integral.Length; i++)
        {
            parts[i] = BigInteger.DivRem(units * integral[i], total, out remainders[i]);
            given += parts[i];
        }
        var leftover = (int)(units - given); // fewer than the number of parts: each floor lost less than one unit
        foreach (var i in Enumerable.Range(0, parts.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take(leftover))
            parts[i] += 1;
        return parts;
    }

    /// <summary>The decimal's unscaled integer (12.34 → 1234) and its sign.</summary>
    private static (BigInteger Units, bool Negative) Units(decimal value)
    {
        var bits = decimal.GetBits(value);
        var units = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        return (units, value < 0);
    }

    private static decimal FromUnits(BigInteger units, bool negative, int scale)
    {
        var low = (uint)(units & uint.MaxValue);
        var middle = (uint)((units >> 32) & uint.MaxValue);
        var high = (uint)(units >> 64);
        return new decimal((int)low, (int)middle, (int)high, negative && !units.IsZero, (byte)scale);
    }
}
