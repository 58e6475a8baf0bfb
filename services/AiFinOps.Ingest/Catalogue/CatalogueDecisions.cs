namespace AiFinOps.Ingest.Catalogue;

/// <summary>Pure decisions over the catalogue: what a request to set or correct a price means, or why it is refused.</summary>
public static class CatalogueDecisions
{
    public static readonly IReadOnlySet<string> Tiers = new HashSet<string> { "standard", "batch", "priority", "flex" };

    public static Dictionary<string, string[]> Check(CataloguePrice price)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(price.Provider)) errors["provider"] = ["is required"];
        if (string.IsNullOrWhiteSpace(price.Model)) errors["model"] = ["is required"];
        if (!price.Tiers.ContainsKey("standard")) errors["tiers"] = ["a 'standard' tier is required"];
        else if (price.Tiers.Keys.FirstOrDefault(t => !Tiers.Contains(t)) is { } unknown)
            errors["tiers"] = [$"'{unknown}' is not a service tier; use standard, batch, priority or flex"];
        else if (price.Tiers.Values.SelectMany(t => t.LongContext.Select(l => l.Rates).Prepend(t.Rates)).Any(Negative))
            errors["tiers"] = ["prices must not be negative"];
        if (string.IsNullOrWhiteSpace(price.Source)) errors["source"] = ["say where the figures come from (a pricing page URL or a contract)"];
        return errors;
    }

    /// <summary>Setting a price adds a version; the same effective date with the same figures changes nothing; with
    /// other figures it is a conflict that needs an explicit correction.</summary>
    public static (PriceSet? Set, string? Conflict) Set(ModelPriceHistory? history, CataloguePrice price, string setBy, DateTimeOffset now)
    {
        var existing = history?.VersionFrom(price.EffectiveFrom);
        if (existing is null) return (new PriceSet(price, setBy, now), null);
        return SameFigures(existing, price)
            ? (null, null)
            : (null, $"{price.Reference} already has other figures (from {existing.Source}); correct it with a reason instead of overwriting it");
    }

    public static (PriceCorrected? Corrected, string? Error) Correct(ModelPriceHistory? history, CataloguePrice price, string reason, string setBy, DateTimeOffset now)
    {
        if (history?.VersionFrom(price.EffectiveFrom) is null) return (null, $"{price.Reference} does not exist; set it first");
        if (string.IsNullOrWhiteSpace(reason)) return (null, "a correction needs a reason");
        return (new PriceCorrected(price, reason.Trim(), setBy, now), null);
    }

    /// <summary>
    /// Declaring <paramref name="alias"/> (normalised: lower case, trimmed). The target must be a priced catalogue model
    /// and not itself an alias (pricing follows one hop, so chains and cycles are refused); a name with a price of its
    /// own, or that other aliases point to, is a conflict; so is re-pointing an alias without <paramref name="replace"/>.
    /// The same alias again changes nothing (null, null).
    /// </summary>
    /// <param name="aliases">Every alias in the catalogue.</param>
    /// <param name="pricedModels">Every catalogue model with a price history, as <c>provider/model</c>.</param>
    public static (ModelAliased? Aliased, Refusal? Refusal) Alias(ModelAlias alias, bool replace, IReadOnlyCollection<ModelAlias> aliases,
        IReadOnlySet<string> pricedModels, string setBy, DateTimeOffset now)
    {
        if (CheckAlias(alias) is { } invalid) return (null, invalid);

        var byName = aliases.ToDictionary(a => Key(a.Provider, a.Alias));
        var name = Key(alias.Provider, alias.Alias);
        var target = Key(alias.TargetProvider, alias.TargetModel);
        if (byName.ContainsKey(target))
        {
            var chain = new List<string> { name, target };
            while (byName.TryGetValue(chain[^1], out var next) && !chain.Contains(Key(next.TargetProvider, next.TargetModel)))
                chain.Add(Key(next.TargetProvider, next.TargetModel));
            if (byName.TryGetValue(chain[^1], out var last) && Key(last.TargetProvider, last.TargetModel) == name)
                return (null, Refusal.Invalid("targetModel", $"{target} leads back to {name}: the alias would make a cycle ({string.Join(" → ", chain.Append(name))})"));
            var resolved = byName[target];
            return (null, Refusal.Invalid("targetModel",
                $"{target} is itself an alias of {resolved.TargetProvider}/{resolved.TargetModel}; aliases are followed one step, so alias {name} to that model directly"));
        }
        if (!pricedModels.Contains(target))
        {
            var similar = CatalogueModelNames.Candidates(alias.TargetProvider, alias.TargetModel).Skip(1)
                .FirstOrDefault(c => pricedModels.Contains(Key(alias.TargetProvider, c)));
            return (null, Refusal.Invalid("targetModel", $"the catalogue has no model {target}; set its price first"
                + (similar is null ? "" : $" (did you mean {alias.TargetProvider}/{similar}?)")));
        }
        if (pricedModels.Contains(name))
            return (null, Refusal.Conflict("alias", $"{name} has a price of its own; as an alias it would be priced as {target} instead. Use a name without a price"));
        if (aliases.FirstOrDefault(a => Key(a.TargetProvider, a.TargetModel) == name) is { } pointing)
            return (null, Refusal.Conflict("alias", $"{pointing.Provider}/{pointing.Alias} is an alias of {name}; aliases are followed one step, so {name} cannot become an alias too"));
        if (byName.TryGetValue(name, out var existing))
        {
            if (Key(existing.TargetProvider, existing.TargetModel) == target) return (null, null);
            if (!replace)
                return (null, Refusal.Conflict("targetModel",
                    $"{name} is already an alias of {existing.TargetProvider}/{existing.TargetModel}; send replace=true to point it at {target} instead"));
        }
        return (new ModelAliased(alias, setBy, now), null);
    }

    private static Refusal? CheckAlias(ModelAlias alias)
    {
        foreach (var (field, value) in new[] { ("provider", alias.Provider), ("alias", alias.Alias), ("targetProvider", alias.TargetProvider), ("targetModel", alias.TargetModel) })
        {
            if (string.IsNullOrWhiteSpace(value)) return Refusal.Invalid(field, "is required");
        }
        var lookedUp = CatalogueModelNames.Candidates(alias.Provider, alias.Alias)[0];
        if (lookedUp != alias.Alias)
            return Refusal.Invalid("alias", $"calls to {alias.Provider}/{alias.Alias} are looked up as '{lookedUp}'; alias that name");
        if (Key(alias.Provider, alias.Alias) == Key(alias.TargetProvider, alias.TargetModel))
            return Refusal.Invalid("targetModel", "an alias cannot point at itself");
        return null;
    }

    /// <summary>
    /// Retiring a priced model from a day on (the first day it is no longer sold). The same day again changes nothing;
    /// another day is a conflict; a day before the model's first price is invalid.
    /// </summary>
    public static (ModelRetired? Retired, Refusal? Refusal) Retire(ModelPriceHistory? history, string provider, string model, DateOnly? retiredOn,
        string setBy, DateTimeOffset now)
    {
        if (retiredOn is not { } day) return (null, Refusal.Invalid("retiredOn", "is required: the first day the provider no longer sells the model, like 2026-01-31"));
        if (history is null || history.Versions.Count == 0)
            return (null, Refusal.NotFound("model", $"the catalogue has no model {provider}/{model}"));
        var first = history.Versions.Min(v => v.EffectiveFrom);
        if (day < first)
            return (null, Refusal.Invalid("retiredOn", $"{day:yyyy-MM-dd} is before the model's first price ({first:yyyy-MM-dd})"));
        if (history.RetiredOn is { } retired)
            return retired == day
                ? (null, null)
                : (null, Refusal.Conflict("retiredOn", $"{history.Provider}/{history.Model} is already retired on {retired:yyyy-MM-dd}"));
        return (new ModelRetired(history.Provider, history.Model, day, setBy, now), null);
    }

    public static bool SameFigures(CataloguePrice a, CataloguePrice b) =>
        a.Tiers.Count == b.Tiers.Count
        && a.Tiers.All(t => b.Tiers.TryGetValue(t.Key, out var other)
            && other.Rates == t.Value.Rates && other.LongContext.SequenceEqual(t.Value.LongContext));

    private static bool Negative(TokenRates r) =>
        r.Input < 0 || r.Output < 0 || r.CacheRead < 0 || r.CacheWrite < 0 || r.CacheWrite1h < 0 || r.Reasoning < 0;

    private static string Key(string provider, string model) => $"{provider.ToLowerInvariant()}/{model.ToLowerInvariant()}";
}
