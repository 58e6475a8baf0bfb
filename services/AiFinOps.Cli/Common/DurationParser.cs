using System.Globalization;
using System.Text.RegularExpressions;

namespace AiFinOps.Cli.Common;

/// <summary>Reads durations as people type them: <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>500ms</c>, or plain seconds.</summary>
public static partial class DurationParser
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        text = text.Trim().ToLowerInvariant();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            duration = TimeSpan.FromSeconds(seconds);
            return seconds > 0;
        }
        var parts = Part().Matches(text);
        if (parts.Count == 0 || parts.Sum(part => part.Length) != text.Length) return false;
        foreach (Match part in parts)
        {
            var value = double.Parse(part.Groups["value"].Value, CultureInfo.InvariantCulture);
            duration += part.Groups["unit"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                _ => TimeSpan.FromDays(value),
            };
        }
        return duration > TimeSpan.Zero;
    }

    [GeneratedRegex(@"(?<value>\d+(\.\d+)?)(?<unit>ms|s|m|h|d)")]
    private static partial Regex Part();
}
