using JasperFx.Events;
using Marten;

namespace AiFinOps.Allocation.Rules;

public static class RuleStreams
{
    /// <summary>
    /// Saves a rule change. Two changes to the same rules at the same moment cannot both pass their checks (e.g. the
    /// overlap check): the stream's version makes the later one fail, answered 409 with nothing recorded.
    /// </summary>
    public static async Task<IResult?> SaveOrConflictAsync(this IDocumentSession session, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
            return null;
        }
        catch (Exception ex) when (ex is EventStreamUnexpectedMaxEventIdException or JasperFx.ConcurrencyException
                                       or Marten.Exceptions.ExistingStreamIdCollisionException or ExistingStreamIdCollisionException)
        {
            return Results.Problem(statusCode: 409, title: "The rules changed meanwhile",
                detail: "Another change to the same rules was saved at the same moment; nothing was recorded. Read the rules again and retry.");
        }
    }
}
