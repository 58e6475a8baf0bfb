namespace AiFinOps.Allocation.Rules;

/// <summary>Why a rule decision refused a command: each request field at fault with a reason a person understands.</summary>
public sealed record Refusal(RefusalKind Kind, IReadOnlyDictionary<string, string[]> Errors)
{
    public static Refusal Invalid(IReadOnlyDictionary<string, string[]> errors) => new(RefusalKind.Invalid, errors);

    public static Refusal Invalid(string field, string reason) => new(RefusalKind.Invalid, One(field, reason));

    public static Refusal NotFound(string field, string reason) => new(RefusalKind.NotFound, One(field, reason));

    public static Refusal Conflict(string field, string reason) => new(RefusalKind.Conflict, One(field, reason));

    /// <summary>The first reason, for the problem's <c>detail</c>.</summary>
    public string Detail => Errors.Count == 1 ? $"{Errors.Keys.Single()}: {Errors.Values.Single()[0]}" : "Fix the fields listed in errors.";

    private static Dictionary<string, string[]> One(string field, string reason) => new() { [field] = [reason] };
}

/// <summary>Invalid: the command is wrong in itself. NotFound: it names a rule that does not exist. Conflict: it
/// contradicts the rules already recorded (e.g. overlapping dates).</summary>
public enum RefusalKind
{
    Invalid,
    NotFound,
    Conflict,
}
