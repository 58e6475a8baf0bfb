using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiFinOps.Ingest.Catalogue.Importing;

/// <summary>
/// Reads LiteLLM's <c>model_prices_and_context_window.json</c>: an object keyed by model name, each entry with its
/// <c>litellm_provider</c>, <c>mode</c> and prices in USD per token. Prices become USD per million tokens, exactly
/// (the JSON numbers are read as decimals, never as doubles). Only chat and completion models with an input and an
/// output price are taken; every other entry is listed with the reason it was skipped.
/// </summary>
public static partial class LiteLlmCatalogue
{
    public const string SourceName = "LiteLLM model_prices_and_context_window.json";

    private const decimal Million = 1_000_000m;
    private static readonly HashSet<string> PricedModes = ["chat", "completion"];

    /// <summary>Parses the file's text. Throws <see cref="JsonException"/> when it is not JSON and
    /// <see cref="InvalidDataException"/> when it is not a LiteLLM price object.</summary>
    public static LiteLlmImport Parse(string json, DateOnly effectiveFrom, string? note = null)
    {
        using var document = JsonDocument.Parse(json);
        return Parse(document.RootElement, effectiveFrom, note);
    }

    public static LiteLlmImport Parse(JsonElement root, DateOnly effectiveFrom, string? note = null)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException("A LiteLLM price file is a JSON object keyed by model name.");

        var source = string.IsNullOrWhiteSpace(note) ? SourceName : $"{SourceName} ({note.Trim()})";
        var prices = new List<CataloguePrice>();
        var fromKey = new Dictionary<string, string>();
        var skipped = new List<SkippedEntry>();

        foreach (var entry in root.EnumerateObject())
        {
            if (entry.Name == "sample_spec")
            {
                skipped.Add(new SkippedEntry(entry.Name, "the format's sample entry"));
                continue;
            }
            var (price, reason) = Read(entry, effectiveFrom, source);
            if (price is null)
            {
                skipped.Add(new SkippedEntry(entry.Name, reason!));
                continue;
            }
            if (fromKey.TryGetValue(price.Key, out var first))
            {
                var same = CatalogueDecisions.SameFigures(prices.First(p => p.Key == price.Key), price);
                skipped.Add(new SkippedEntry(entry.Name, same
                    ? $"the same prices as '{first}' for {price.Key}"
                    : $"other prices than '{first}' for {price.Key}; the first entry is imported"));
                continue;
            }
            fromKey[price.Key] = entry.Name;
            prices.Add(price);
        }
        return new LiteLlmImport(prices, skipped);
    }

    /// <summary>Our provider name for LiteLLM's <c>litellm_provider</c>.</summary>
    public static string Provider(string litellmProvider) => litellmProvider.Trim().ToLowerInvariant() switch
    {
        "gemini" or "vertex_ai-language-models" => "google",
        "azure" => "azure-openai",
        var other => other,
    };

    /// <summary>The model name without a provider prefix (<c>gemini/gemini-2.5-pro</c> → <c>gemini-2.5-pro</c>).</summary>
    public static string Model(string key, string litellmProvider)
    {
        var name = key.Trim().ToLowerInvariant();
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0) return name;
        var prefix = name[..slash];
        var litellm = litellmProvider.Trim().ToLowerInvariant();
        return prefix == litellm || prefix == Provider(litellm) || prefix == litellm.Split('-')[0] ? name[(slash + 1)..] : name;
    }

    private static (CataloguePrice? Price, string? Reason) Read(JsonProperty entry, DateOnly effectiveFrom, string source)
    {
        var e = entry.Value;
        if (e.ValueKind != JsonValueKind.Object) return (null, "not an object");
        if (Text(e, "litellm_provider") is not { Length: > 0 } litellmProvider) return (null, "no litellm_provider");
        var mode = Text(e, "mode");
        if (mode is null || !PricedModes.Contains(mode)) return (null, $"mode '{mode ?? "(none)"}' is not priced per token (only chat and completion are imported)");

        try
        {
            var input = PerMillion(e, "input_cost_per_token");
            var output = PerMillion(e, "output_cost_per_token");
            if (input is null || output is null) return (null, "no input and output price per token");

            var cacheRead = PerMillion(e, "cache_read_input_token_cost");
            var cacheWrite = PerMillion(e, "cache_creation_input_token_cost");
            var standard = new TokenRates
            {
                Input = input.Value,
                Output = output.Value,
                CacheRead = cacheRead,
                CacheWrite = cacheWrite,
                CacheWrite1h = PerMillion(e, "cache_creation_input_token_cost_above_1hr"),
                Reasoning = PerMillion(e, "output_cost_per_reasoning_token"),
            };

            var tiers = new Dictionary<string, TierPrice>();
            tiers["standard"] = new TierPrice { Rates = standard, LongContext = LongContext(e, standard) };
            if (PerMillion(e, "input_cost_per_token_batches") is { } batchIn && PerMillion(e, "output_cost_per_token_batches") is { } batchOut)
                tiers["batch"] = new TierPrice { Rates = new TokenRates { Input = batchIn, Output = batchOut } };
            if (PerMillion(e, "input_cost_per_token_priority") is { } priorityIn && PerMillion(e, "output_cost_per_token_priority") is { } priorityOut)
            {
                var rates = new TokenRates { Input = priorityIn, Output = priorityOut, CacheRead = PerMillion(e, "cache_read_input_token_cost_priority") };
                tiers["priority"] = new TierPrice { Rates = rates, LongContext = LongContext(e, rates, "_priority") };
            }
            if (PerMillion(e, "input_cost_per_token_flex") is { } flexIn && PerMillion(e, "output_cost_per_token_flex") is { } flexOut)
            {
                var rates = new TokenRates { Input = flexIn, Output = flexOut, CacheRead = PerMillion(e, "cache_read_input_token_cost_flex") };
                tiers["flex"] = new TierPrice { Rates = rates, LongContext = LongContext(e, rates, "_flex") };
            }

            var price = new CataloguePrice
            {
                Provider = Provider(litellmProvider),
                Model = Model(entry.Name, litellmProvider),
                EffectiveFrom = effectiveFrom,
                Tiers = tiers,
                Source = source,
                CheckedOn = effectiveFrom,
            };
            return CatalogueDecisions.Check(price) is { Count: > 0 } errors
                ? (null, string.Join("; ", errors.Select(x => $"{x.Key} {string.Join(", ", x.Value)}")))
                : (price, null);
        }
        catch (InvalidDataException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>The rates above each prompt size the entry prices apart for a tier (<c>input_cost_per_token_above_200k_tokens</c>,
    /// <c>…_above_128k_tokens</c>, <c>…_above_272k_tokens_priority</c>): the figures given there, the tier's own for the
    /// kinds of token it leaves out.</summary>
    private static IReadOnlyList<LongContextRates> LongContext(JsonElement e, TokenRates rates, string tier = "") =>
    [
        .. e.EnumerateObject()
            .Select(p => AboveTokens().Match(p.Name))
            .Where(m => m.Success && m.Groups[2].Value == tier)
            .Select(m => m.Groups[1].Value)
            .Distinct()
            .Select(k => new LongContextRates(long.Parse(k, CultureInfo.InvariantCulture) * 1_000, rates with
            {
                Input = PerMillion(e, $"input_cost_per_token_above_{k}k_tokens{tier}") ?? rates.Input,
                Output = PerMillion(e, $"output_cost_per_token_above_{k}k_tokens{tier}") ?? rates.Output,
                CacheRead = PerMillion(e, $"cache_read_input_token_cost_above_{k}k_tokens{tier}") ?? rates.CacheRead,
                CacheWrite = PerMillion(e, $"cache_creation_input_token_cost_above_{k}k_tokens{tier}") ?? rates.CacheWrite,
                CacheWrite1h = PerMillion(e, $"cache_creation_input_token_cost_above_1hr_above_{k}k_tokens{tier}") ?? rates.CacheWrite1h,
            }))
            .OrderBy(l => l.AboveInputTokens),
    ];

    [GeneratedRegex(@"^(?:input|output)_cost_per_token_above_(\d+)k_tokens(_priority|_flex)?$")]
    private static partial Regex AboveTokens();

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim().ToLowerInvariant() : null;

    /// <summary>A per-token price as USD per million tokens, exactly; null when absent.</summary>
    private static decimal? PerMillion(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var perToken))
            throw new InvalidDataException($"{name} is not a number");
        // Dividing by 1.000… drops the trailing zeros the scaling leaves (3e-06 → 3, not 3.000000).
        return perToken * Million / 1.000000000000000000000000000m;
    }
}

/// <summary>The prices read from a LiteLLM file and the entries left out, with why.</summary>
public sealed record LiteLlmImport(IReadOnlyList<CataloguePrice> Prices, IReadOnlyList<SkippedEntry> Skipped);

public sealed record SkippedEntry(string Key, string Reason);
