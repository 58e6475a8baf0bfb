using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Catalogue.Keeping;
using AiFinOps.Ingest.Recording;
using AiFinOps.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;

namespace AiFinOps.Ingest.Catalogue.Quoting;

public static class QuoteEndpoint
{
    public static void MapQuote(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/v1/prices/quote", Handle)
            .RequireScope(ApiScopes.Read)
            .WithSummary("What a call would cost: the price in force, the rates applied and the cost by kind of token")
            .ProducesValidationProblem();

    private static IResult Handle(QuoteRequest request, PriceCatalogue catalogue, IOptions<IngestLimits> limits, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var call = new UsageEvent
        {
            EventId = "quote",
            OccurredAt = Timestamp.FromDateTimeOffset(request.OccurredAt ?? now),
            Provider = request.Provider ?? "",
            Model = request.Model ?? "",
            InputTokens = request.InputTokens,
            OutputTokens = request.OutputTokens,
            CacheReadTokens = request.CacheReadTokens,
            CacheWriteTokens = request.CacheWriteTokens,
            ReasoningTokens = request.ReasoningTokens,
            ServiceTier = request.ServiceTier ?? "",
        };
        call.Tags.Add(request.Tags ?? new Dictionary<string, string>());
        // A quote may price any date, so only the event's own rules apply, not the ingest horizon.
        var (usage, rejection) = UsageValidation.Validate(call, limits.Value with { MaxEventAge = TimeSpan.FromDays(36_500) }, now);
        if (rejection is not null)
            return Results.ValidationProblem(new Dictionary<string, string[]> { [rejection.Field] = [rejection.Reason] }, title: "The call to quote is invalid");

        var day = DateOnly.FromDateTime(usage!.OccurredAt.UtcDateTime);
        var price = catalogue.Current.Find(usage.Provider, usage.Model, day);
        if (price is null || !price.Tiers.TryGetValue(usage.ServiceTier, out var tier))
            return Results.Problem(statusCode: 404, title: "No price",
                detail: $"The catalogue has no {usage.ServiceTier} price for {usage.Provider}/{usage.Model} on {day:yyyy-MM-dd}; such calls are recorded as unpriced.");

        var parts = CallCost.Parts(usage, tier);
        return Results.Ok(new Quote(price.Reference, usage.ServiceTier, parts.Rates, parts, parts.Total));
    }
}

/// <summary>A call to price: the usage contract's token fields, as JSON.</summary>
public sealed record QuoteRequest(
    string? Provider, string? Model, long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWriteTokens,
    long ReasoningTokens, string? ServiceTier, DateTimeOffset? OccurredAt, Dictionary<string, string>? Tags);

/// <summary>The answer: which price version, the rates (USD per million tokens) and the cost by kind of token in USD.</summary>
public sealed record Quote(string PriceReference, string ServiceTier, TokenRates Rates, CostParts Cost, decimal ListCostUsd);
