namespace AiFinOps.Ingest.Catalogue;

/// <summary>Why a decision refused a request: the request field at fault and a reason a person understands.</summary>
public sealed record Refusal(RefusalKind Kind, string Field, string Reason)
{
    public static Refusal Invalid(string field, string reason) => new(RefusalKind.Invalid, field, reason);

    public static Refusal NotFound(string field, string reason) => new(RefusalKind.NotFound, field, reason);

    public static Refusal Conflict(string field, string reason) => new(RefusalKind.Conflict, field, reason);
}

/// <summary>Invalid: the request is wrong in itself. NotFound: it names something the catalogue lacks. Conflict: it
/// contradicts what the catalogue already holds.</summary>
public enum RefusalKind
{
    Invalid,
    NotFound,
    Conflict,
}
