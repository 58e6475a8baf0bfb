using System.Text.RegularExpressions;

namespace AiFinOps.Ingest.Pricing;

/// <summary>Maps the names apps send to catalogue names: provider prefixes and dated snapshot suffixes go.</summary>
public static partial class ModelNames
{
    public static string Normalise(string provider, string model)
    {
        var name = model.Trim().ToLowerInvariant();
        if (name.StartsWith(provider + "/", StringComparison.Ordinal)) name = name[(provider.Length + 1)..];
        name = name.EndsWith("-latest", StringComparison.Ordinal) ? name[..^"-latest".Length] : name;
        return DatedSnapshot().Replace(name, "");
    }

    [GeneratedRegex(@"-(\d{8}|\d{4}-\d{2}-\d{2})$")]
    private static partial Regex DatedSnapshot();
}
