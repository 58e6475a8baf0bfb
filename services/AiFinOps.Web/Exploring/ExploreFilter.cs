using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace AiFinOps.Web.Exploring;

/// <summary>
/// What the Explore page shows, held in its URL so a link shares the view: a date range (whole UTC days, both
/// included; none = this month so far) and the drill path team → workflow → model → environment.
/// </summary>
public sealed record ExploreFilter(DateOnly? From, DateOnly? To, string? Team, string? Workflow, string? Model, string? Environment)
{
    /// <summary>The drill path, outermost first.</summary>
    public static readonly IReadOnlyList<string> Path = ["team", "workflow", "model", "environment"];

    public static readonly ExploreFilter Everything = new(null, null, null, null, null, null);

    /// <summary>The dimension the breakdown groups by: the first one not chosen yet (the last one once all are).</summary>
    public string Level => Path.FirstOrDefault(d => ValueOf(d) is null) ?? Path[^1];

    /// <summary>The chosen dimensions, outermost first.</summary>
    public IReadOnlyList<(string Dimension, string Value)> Chosen =>
        [.. Path.Where(d => ValueOf(d) is not null).Select(d => (d, ValueOf(d)!))];

    public string? ValueOf(string dimension) => dimension switch
    {
        "team" => Team,
        "workflow" => Workflow,
        "model" => Model,
        "environment" => Environment,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "not a dimension of the drill path"),
    };

    /// <summary>One level deeper: <paramref name="dimension"/> fixed to <paramref name="value"/>.</summary>
    public ExploreFilter With(string dimension, string value) => dimension switch
    {
        "team" => this with { Team = value },
        "workflow" => this with { Workflow = value },
        "model" => this with { Model = value },
        "environment" => this with { Environment = value },
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "not a dimension of the drill path"),
    };

    /// <summary>Back up the drill path: <paramref name="dimension"/> and every deeper choice released.</summary>
    /// <summary>
    /// The dates the range inputs show: the chosen ones, or — when the link names none — the implicit range the spend
    /// API reads then (this UTC month so far: its 1st to <paramref name="today"/>), so the inputs never look empty.
    /// </summary>
    public (DateOnly From, DateOnly To)? ShownRange(DateOnly today) => (From, To) switch
    {
        (null, null) => (new DateOnly(today.Year, today.Month, 1), today),
        ({ } from, { } to) => (from, to),
        _ => null,
    };

    public ExploreFilter UpTo(string dimension)
    {
        var keep = Path.TakeWhile(d => d != dimension).ToHashSet();
        return this with
        {
            Team = keep.Contains("team") ? Team : null,
            Workflow = keep.Contains("workflow") ? Workflow : null,
            Model = keep.Contains("model") ? Model : null,
            Environment = keep.Contains("environment") ? Environment : null,
        };
    }

    /// <summary>Reads a query string (<c>?team=search&amp;from=2026-11-01</c>); unreadable dates are reported, not guessed.</summary>
    public static (ExploreFilter Filter, IReadOnlyList<string> Problems) Parse(string? query)
    {
        var values = QueryHelpers.ParseQuery(query);
        var problems = new List<string>();
        string? Text(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        DateOnly? Day(string name)
        {
            if (Text(name) is not { } text) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
            problems.Add($"'{name}' must be a date like 2026-11-01, not '{text}'; it is left out.");
            return null;
        }
        var filter = new ExploreFilter(Day("from"), Day("to"), Text("team"), Text("workflow"), Text("model"), Text("environment"));
        if (filter.From > filter.To)
        {
            problems.Add("'from' is after 'to'; the range is left out.");
            filter = filter with { From = null, To = null };
        }
        return (filter, problems);
    }

    /// <summary>The page's own query string, in a fixed order (so equal views have equal links); empty for everything.</summary>
    public string ToQueryString() => Join(Pairs());

    /// <summary>The matching <c>GET /api/v1/spend</c> query: these filters, grouped by <paramref name="groupBy"/>.</summary>
    public string ToSpendQuery(string groupBy, string? granularity = null) =>
        Join([("groupBy", groupBy), .. granularity is null ? [] : new[] { ("granularity", granularity) }, .. Pairs()]);

    private IEnumerable<(string Name, string Value)> Pairs()
    {
        foreach (var (dimension, value) in Chosen) yield return (dimension, value);
        if (From is { } from) yield return ("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (To is { } to) yield return ("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static string Join(IEnumerable<(string Name, string Value)> pairs)
    {
        var text = string.Join("&", pairs.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));
        return text.Length == 0 ? "" : "?" + text;
    }
}
