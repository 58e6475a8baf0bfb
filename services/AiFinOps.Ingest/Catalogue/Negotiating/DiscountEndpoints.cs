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
        routes.MapPost("/api/v1/prices/discounts/{id}/end", End)
            .RequireScope(ApiScopes.Admin)
            .WithSummary("End a discount from a day on (the first day it no longer applies); an end can be brought forward, not pushed back")
            .ProducesValidationProblem()
            .ProducesProblem(404)
            .ProducesProblem(409);
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
        await catalogue.ChangedAsync(ct);
        return Results.Created($"/api/v1/prices/discounts/{discount.Id}", discount);
    }

    private static async Task<IResult> End(string id, EndDiscount request, HttpContext http, IDocumentSession session,
        PriceCatalogue catalogue, TimeProvider clock, CancellationToken ct)
    {
        var (endedOn, invalid) = RequestDates.Parse(request.EndedOn, "endedOn");
        if (invalid is not null) return invalid.ToProblem("The end of the discount is invalid");

        var stream = await session.Events.FetchForWriting<AgreedDiscount>(AgreedDiscount.StreamKey(id), ct);
        var (ended, refusal) = DiscountDecisions.End(stream.Aggregate, id, endedOn, http.ApiKey().Name, clock.GetUtcNow());
        if (refusal is not null) return refusal.ToProblem("The discount cannot end then");
        if (ended is null) return Results.Ok(stream.Aggregate!.Discount);

        stream.AppendOne(ended);
        await session.SaveChangesAsync(ct);
        await catalogue.ChangedAsync(ct);
        return Results.Ok(stream.Aggregate!.Apply(ended).Discount);
    }
}

/// <summary>The first day a discount no longer applies (yyyy-MM-dd).</summary>
public sealed record EndDiscount(string? EndedOn);
