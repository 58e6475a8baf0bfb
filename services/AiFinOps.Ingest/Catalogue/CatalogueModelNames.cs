using System.Text.RegularExpressions;

namespace AiFinOps.Ingest.Catalogue;

/// <summary>
/// The names apps send, reduced to the names the catalogue keys on — exactly, never by prefix, so nothing matches
/// by accident: a provider prefix (<c>openai/gpt-4o</c>), a Bedrock cross-region prefix (<c>us.anthropic…</c>), a
/// <c>-latest</c> alias, a dated snapshot (<c>-20250514</c>, <c>-2024-08-06</c>).
/// </summary>
public static partial class CatalogueModelNames
{
    /// <summary>The candidate names to look up, most specific first.</summary>
    public static IReadOnlyList<string> Candidates(string provider, string model)
    {
        var name = model.Trim().ToLowerInvariant();
        if (name.StartsWith(provider + "/", StringComparison.Ordinal)) name = name[(provider.Length + 1)..];
        if (provider == "bedrock") name = CrossRegionPrefix().Replace(name, "");

        var candidates = new List<string> { name };
        var general = name.EndsWith("-latest", StringComparison.Ordinal) ? name[..^"-latest".Length] : name;
        general = DatedSnapshot().Replace(general, "");
        if (general != name) candidates.Add(general);
        return candidates;
    }

    [GeneratedRegex(@"^(us|eu|apac|us-gov|global)\.")]
    private static partial Regex CrossRegionPrefix();

    [GeneratedRegex(@"-(\d{8}|\d{4}-\d{2}-\d{2})$")]
    private static partial Regex DatedSnapshot();
}
