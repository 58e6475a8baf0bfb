using System.Globalization;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Catalogue.Negotiating;
using AiFinOps.Ingest.Pricing;
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
            .WithSummary("What a call would cost: the price in force, the rates applied, the list cost by kind of token, the " +
                "effective cost after negotiated discounts and, given reportedCostUsd, the billed cost and its drift")
            .ProducesValidationProblem();

    private static IResult Handle(QuoteRequest request, UsagePricing pricing, IOptions<IngestLimits> limits, TimeProvider clock)
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
            ReportedCostUsd = request.ReportedCostUsd?.ToString(CultureInfo.InvariantCulture) ?? "",
        };
        call.Tags.Add(request.Tags ?? new Dictionary<string, string>());
        // A quote may price any date, so only the event's own rules apply, not the ingest horizon.
        var (usage, rejection) = UsageValidation.Validate(call, limits.Value with { MaxEventAge = TimeSpan.FromDays(36_500) }, now);
        if (rejection is not null)
            return Results.ValidationProblem(new Dictionary<string, string[]> { [JsonName(rejection.Field)] = [rejection.Reason] }, title: "The call to quote is invalid");

        // The same computation ingest books with: price version, tier, long context, discount, billed cost.
        var priced = pricing.Explain(usage!);
        var cost = priced.Cost;
        if (priced.Parts is null)
        {
            var day = DateOnly.FromDateTime(usage!.OccurredAt.UtcDateTime);
            return Results.Problem(statusCode: 404, title: "No price",
                detail: $"The catalogue has no {usage.ServiceTier} price for {usage.Provider}/{usage.Model} on {day:yyyy-MM-dd}; such calls are recorded as unpriced.");
        }

        return Results.Ok(new Quote(cost.PriceReference!, usage!.ServiceTier, priced.Parts.Rates, priced.Parts, cost.ListCostUsd!.Value,
            cost.EffectiveCostUsd!.Value, cost.DiscountReference, priced.Discount, cost.BilledCostUsd, cost.BilledDriftUsd));
    }

    /// <summary>The usage contract names its fields in snake_case; the quote's JSON in camelCase.</summary>
    private static string JsonName(string field) =>
        string.Concat(field.Split('_').Select((part, i) => i == 0 || part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}

/// <summary>A call to price: the usage contract's token fields, as JSON.</summary>
public sealed record QuoteRequest(
    string? Provider, string? Model, long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWriteTokens,
    long ReasoningTokens, string? ServiceTier, DateTimeOffset? OccurredAt, Dictionary<string, string>? Tags, decimal? ReportedCostUsd = null);

/// <summary>
/// The answer: which price version, the rates (USD per million tokens), the list cost by kind of token in USD, the
/// effective cost after the negotiated discount in force (named, with its terms), and — when the request says what the
/// provider billed — the billed cost and its drift from the effective cost, exactly as ingest records a call.
/// </summary>
public sealed record Quote(string PriceReference, string ServiceTier, TokenRates Rates, CostParts Cost, decimal ListCostUsd,
    decimal EffectiveCostUsd, string? DiscountReference, NegotiatedDiscount? Discount, decimal? BilledCostUsd, decimal? BilledDriftUsd);
