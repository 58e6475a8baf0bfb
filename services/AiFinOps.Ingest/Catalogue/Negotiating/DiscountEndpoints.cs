using AiFinOps.Ingest.Catalogue.Keeping;
using AiFinOps.ServiceDefaults.Security;
using Marten;

namespace AiFinOps.Ingest.Catalogue.Negotiating;

public static class DiscountEndpoints
{
    public static void MapDiscounts(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/prices/discounts", Agree)
            .RequireScope(ApiScopes.Admin)
            .WithSummary("Record a negotiated discount (percentage off list, or contracted prices per tier) from a date")
            .ProducesValidationProblem();
        routes.MapGet("/api/v1/prices/discounts", (PriceCatalogue catalogue) => catalogue.Current.Discounts)
            .RequireScope(ApiScopes.Finance)
            .WithSummary("The negotiated discounts, past and present");
    }

    private static async Task<IResult> Agree(NegotiatedDiscount discount, HttpContext http, IDocumentSession session,
        PriceCatalogue catalogue, TimeProvider clock, CancellationToken ct)
    {
        discount = discount with { Provider = discount.Provider.Trim().ToLowerInvariant(), Model = discount.Model?.Trim().ToLowerInvariant() };
        if (DiscountDecisions.Check(discount) is { Count: > 0 } errors) return Results.ValidationProblem(errors, title: "The discount is invalid");
        if (await session.LoadAsync<AgreedDiscount>(AgreedDiscount.StreamKey(discount.Id), ct) is not null)
            return Results.Problem(statusCode: 409, title: "That discount exists", detail: $"A discount with the id '{discount.Id}' is already recorded.");

        session.Events.StartStream<AgreedDiscount>(AgreedDiscount.StreamKey(discount.Id), new DiscountAgreed(discount, http.ApiKey().Name, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        await catalogue.ReloadAsync(ct);
        return Results.Created($"/api/v1/prices/discounts/{discount.Id}", discount);
    }
}
