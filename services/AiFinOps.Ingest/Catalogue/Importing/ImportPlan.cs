namespace AiFinOps.Ingest.Catalogue.Importing;

/// <summary>What importing a price would do to the catalogue.</summary>
public enum ImportOutcome
{
    /// <summary>The model has no price yet (none in force at the import date): a version is added.</summary>
    New,
    /// <summary>The price in force at the import date has the same figures: nothing to do.</summary>
    Unchanged,
    /// <summary>The price in force differs: a new version from the import date is added; earlier ones stay.</summary>
    Changed,
    /// <summary>A version from the same date exists with other figures: not applied; it needs an explicit correction.</summary>
    Conflict,
}

/// <summary>One model's line of the plan: the figures in force (if any) and the imported ones.</summary>
public sealed record ImportLine(string Provider, string Model, ImportOutcome Outcome, CataloguePrice? Current, CataloguePrice Imported, string? Note)
{
    public bool Applies => Outcome is ImportOutcome.New or ImportOutcome.Changed;
}

/// <summary>
/// The diff of imported prices against the catalogue's price histories. Pure: applying it is appending a
/// <see cref="PriceSet"/> per line that <see cref="ImportLine.Applies"/>; conflicts are never applied. Planning the
/// same prices again after applying them gives only unchanged lines.
/// </summary>
public sealed record ImportPlan(DateOnly EffectiveFrom, IReadOnlyList<ImportLine> Lines, IReadOnlyList<SkippedEntry> Skipped)
{
    public int Count(ImportOutcome outcome) => Lines.Count(l => l.Outcome == outcome);

    public IEnumerable<ImportLine> ToApply => Lines.Where(l => l.Applies);

    /// <param name="histories">The catalogue's histories by stream key (<see cref="ModelPriceHistory.StreamKey"/>).</param>
    /// <param name="aliases">The catalogue's aliases: an imported name that is one is priced at its target's price,
    /// so its line says so.</param>
    public static ImportPlan Make(LiteLlmImport import, DateOnly effectiveFrom, IReadOnlyDictionary<string, ModelPriceHistory> histories,
        IEnumerable<ModelAlias>? aliases = null)
    {
        var aliased = (aliases ?? []).ToDictionary(a => CatalogueAlias.StreamKey(a.Provider, a.Alias));
        var lines = import.Prices
            .Select(price => Line(price with { EffectiveFrom = effectiveFrom },
                histories.GetValueOrDefault(ModelPriceHistory.StreamKey(price.Provider, price.Model))))
            .Select(line => aliased.TryGetValue(CatalogueAlias.StreamKey(line.Provider, line.Model), out var alias)
                ? line with
                {
                    Note = string.Join("; ", new[] { line.Note, $"an alias of {alias.TargetProvider}/{alias.TargetModel}, whose price applies to its calls" }.OfType<string>()),
                }
                : line)
            .OrderBy(l => l.Provider, StringComparer.Ordinal).ThenBy(l => l.Model, StringComparer.Ordinal)
            .ToList();
        return new ImportPlan(effectiveFrom, lines, import.Skipped);
    }

    public static ImportLine Line(CataloguePrice imported, ModelPriceHistory? history)
    {
        var sameDay = history?.VersionFrom(imported.EffectiveFrom);
        if (sameDay is not null)
            return CatalogueDecisions.SameFigures(sameDay, imported)
                ? new ImportLine(imported.Provider, imported.Model, ImportOutcome.Unchanged, sameDay, imported, null)
                : new ImportLine(imported.Provider, imported.Model, ImportOutcome.Conflict, sameDay, imported,
                    $"{imported.Reference} already has other figures (from {sameDay.Source}); correct it with a reason instead");

        var inForce = history?.Versions.Where(v => v.EffectiveFrom <= imported.EffectiveFrom).MaxBy(v => v.EffectiveFrom);
        if (inForce is null)
            return new ImportLine(imported.Provider, imported.Model, ImportOutcome.New, null, imported,
                history is { Versions.Count: > 0 } ? "only later versions exist" : null);
        return CatalogueDecisions.SameFigures(inForce, imported)
            ? new ImportLine(imported.Provider, imported.Model, ImportOutcome.Unchanged, inForce, imported, null)
            : new ImportLine(imported.Provider, imported.Model, ImportOutcome.Changed, inForce, imported,
                $"replaces {inForce.Reference} from {imported.EffectiveFrom:yyyy-MM-dd}");
    }
}
