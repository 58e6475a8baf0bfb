using System.Globalization;
using System.Text;

namespace AiFinOps.Reporting.Rendering;

/// <summary>Pure: charts as inline SVG (no script, no external resource), so the page is self-contained and prints.</summary>
public static class SvgCharts
{
    private const int Width = 720;

    public static string Draw(ReportChart chart) => chart.Values.Count == 0
        ? "<p class=\"empty\">No spend to chart.</p>"
        : chart.OverTime ? Columns(chart) : Bars(chart);

    /// <summary>Horizontal bars, one per label, longest for the largest value.</summary>
    private static string Bars(ReportChart chart)
    {
        const int row = 24, labelWidth = 220, valueWidth = 110;
        var max = Math.Max(chart.Values.Max(v => v.Value), 0.000001m);
        var height = chart.Values.Count * row + 8;
        var svg = Open(chart.Title, height);
        for (var i = 0; i < chart.Values.Count; i++)
        {
            var (label, value) = chart.Values[i];
            var y = i * row + 4;
            var length = (double)(Math.Max(value, 0) / max) * (Width - labelWidth - valueWidth);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{Html.Encode(Short(label, 32))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{length:0.#}\" height=\"{row - 8}\" class=\"bar\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + length + 6:0.#}\" y=\"{y + 15}\">{Html.Usd(value)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Columns over time, e.g. spend per day, with the largest value marked.</summary>
    private static string Columns(ReportChart chart)
    {
        const int height = 180, axis = 20, top = 18;
        var max = Math.Max(chart.Values.Max(v => v.Value), 0.000001m);
        var step = (double)Width / chart.Values.Count;
        var svg = Open(chart.Title, height + axis);
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"12\">max {Html.Usd(max)}</text>");
        for (var i = 0; i < chart.Values.Count; i++)
        {
            var (label, value) = chart.Values[i];
            var h = (double)(Math.Max(value, 0) / max) * (height - top);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{i * step + 1:0.#}\" y=\"{height - h:0.#}\" width=\"{Math.Max(step - 2, 1):0.#}\" height=\"{h:0.#}\" class=\"bar\"><title>{Html.Encode(label)}: {Html.Usd(value)}</title></rect>");
            if (chart.Values.Count <= 12 || i % 5 == 0)
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{i * step + step / 2:0.#}\" y=\"{height + 14}\" text-anchor=\"middle\">{Html.Encode(label)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string title, int height) => new StringBuilder()
        .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\">")
        .Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(title)}</title>");

    private static string Short(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
