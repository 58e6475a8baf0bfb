using System.Text.Json;
using AiFinOps.Ingest.Catalogue.Keeping;
using AiFinOps.ServiceDefaults.Security;
using JasperFx.Events;
using Marten;

namespace AiFinOps.Ingest.Catalogue.Importing;

public static class ImportLiteLlmEndpoint
{
    public static void MapImportLiteLlm(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/v1/prices/imports/litellm", Import)
            .RequireScope(ApiScopes.Admin)
            .Accepts<JsonElement>("application/json")
            .WithSummary("Import LiteLLM's model_prices_and_context_window.json: a preview of new, unchanged, changed and " +
                "conflicting prices; with apply=true the new and changed ones are added (conflicts never are)")
            .ProducesProblem(400)
            .ProducesProblem(409);

    private static async Task<IResult> Import(HttpRequest request, DateOnly? effectiveFrom, bool? apply, string? note,
        HttpContext http, IDocumentSession session, PriceCatalogue catalogue, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var from = effectiveFrom ?? DateOnly.FromDateTime(now.UtcDateTime);
        LiteLlmImport import;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            import = LiteLlmCatalogue.Parse(document.RootElement, from, note);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            return Results.Problem(statusCode: 400, title: "Not a LiteLLM price file", detail: ex.Message);
        }

        var histories = (await session.Query<ModelPriceHistory>().ToListAsync(ct)).ToDictionary(h => h.Id);
        var aliases = await session.Query<CatalogueAlias>().ToListAsync(ct);
        var plan = ImportPlan.Make(import, from, histories, aliases.Select(a => a.Alias));
        if (apply != true) return Results.Ok(ImportPlanView.Of(plan, applied: false));

        var setBy = http.ApiKey().Name;
        foreach (var line in plan.ToApply)
        {
            var key = ModelPriceHistory.StreamKey(line.Provider, line.Model);
            var set = new PriceSet(line.Imported, setBy, now);
            // The expected version makes a concurrent change to the same model fail the import instead of being overwritten.
            if (histories.GetValueOrDefault(key) is { } history) session.Events.Append(key, history.Version + 1, set);
            else session.Events.StartStream<ModelPriceHistory>(key, set);
        }
        if (plan.ToApply.Any())
        {
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception ex) when (ex is EventStreamUnexpectedMaxEventIdException or ExistingStreamIdCollisionException)
            {
                return Results.Problem(statusCode: 409, title: "The catalogue changed during the import",
                    detail: "Another change to one of these models was saved meanwhile; nothing was imported. Preview again, then apply.");
            }
            await catalogue.ChangedAsync(ct);
        }
        return Results.Ok(ImportPlanView.Of(plan, applied: true));
    }
}

/// <summary>The plan as the API returns it.</summary>
public sealed record ImportPlanView(DateOnly EffectiveFrom, bool Applied, ImportCounts Counts, IReadOnlyList<ImportLineView> Lines, IReadOnlyList<SkippedEntry> Skipped)
{
    public static ImportPlanView Of(ImportPlan plan, bool applied) => new(
        plan.EffectiveFrom,
        applied,
        new ImportCounts(plan.Count(ImportOutcome.New), plan.Count(ImportOutcome.Unchanged), plan.Count(ImportOutcome.Changed),
            plan.Count(ImportOutcome.Conflict), plan.Skipped.Count),
        [.. plan.Lines.Select(l => new ImportLineView(l.Provider, l.Model, Outcome(l.Outcome), l.Current?.Reference, l.Current?.Tiers, l.Imported.Tiers, l.Note))],
        plan.Skipped);

    public static string Outcome(ImportOutcome outcome) => outcome.ToString().ToLowerInvariant();
}

public sealed record ImportCounts(int New, int Unchanged, int Changed, int Conflict, int Skipped);

public sealed record ImportLineView(string Provider, string Model, string Outcome, string? CurrentReference,
    IReadOnlyDictionary<string, TierPrice>? Current, IReadOnlyDictionary<string, TierPrice> Imported, string? Note);
