namespace AiFinOps.Web.Charts;

/// <summary>One bar of a bar chart, in SVG user units (y grows downwards).</summary>
public sealed record Bar(string Label, decimal Value, double X, double Y, double Width, double Height);

/// <summary>
/// Pure geometry of the dashboard's inline SVG charts: bars scaled to a "nice" axis maximum so the tallest bar never
/// touches the top, and the fill of a burn-down gauge.
/// </summary>
public static class ChartGeometry
{
    /// <summary>Bars side by side across <paramref name="width"/>, scaled so <see cref="AxisMax"/> fills <paramref name="height"/>.</summary>
    public static IReadOnlyList<Bar> Bars(IReadOnlyList<(string Label, decimal Value)> points, double width, double height, double gap = 2)
    {
        if (points.Count == 0) return [];
        var max = AxisMax(points.Max(p => p.Value));
        var slot = width / points.Count;
        var barWidth = Math.Max(1, slot - gap);
        return [.. points.Select((p, i) =>
        {
            var h = max == 0 ? 0 : (double)(Math.Max(0, p.Value) / max) * height;
            return new Bar(p.Label, p.Value, i * slot + gap / 2, height - h, barWidth, h);
        })];
    }

    /// <summary>The smallest 1, 2 or 5 × 10ⁿ at or above <paramref name="max"/> (0 for nothing to show).</summary>
    public static decimal AxisMax(decimal max)
    {
        if (max <= 0) return 0;
        var magnitude = 1m;
        while (magnitude * 10 <= max) magnitude *= 10;
        while (magnitude > max) magnitude /= 10;
        foreach (var step in new[] { 1m, 2m, 5m, 10m })
        {
            if (step * magnitude >= max) return step * magnitude;
        }
        return 10 * magnitude;
    }

    /// <summary>The share of a gauge to fill for <paramref name="percentUsed"/>, between 0 and 1 (overspend stays full).</summary>
    public static double GaugeFill(decimal percentUsed) => (double)Math.Clamp(percentUsed / 100m, 0m, 1m);
}
