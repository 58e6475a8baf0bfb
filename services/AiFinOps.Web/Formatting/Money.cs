using System.Globalization;

namespace AiFinOps.Web.Formatting;

/// <summary>How the dashboard writes USD amounts: cents from a dollar up, and the significant digits of smaller
/// amounts (a test call costs fractions of a cent, and "$0.00" would hide it).</summary>
public static class Money
{
    public static string Format(decimal usd) =>
        Math.Abs(usd) >= 1m || usd == 0m
            ? usd.ToString("$#,##0.00;-$#,##0.00", CultureInfo.InvariantCulture)
            : usd.ToString("$0.######;-$0.######", CultureInfo.InvariantCulture) is var small && small is "$0" or "-$0" ? "<$0.000001" : small;

    public static string Percent(decimal percent) => percent.ToString("0.#", CultureInfo.InvariantCulture) + " %";

    public static string Count(long count) => count.ToString("#,##0", CultureInfo.InvariantCulture);
}
