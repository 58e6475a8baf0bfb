namespace AiFinOps.Allocation.Focus;

/// <summary>
/// How fine the export's charges are: <c>?detail=charge</c> (the default) is one row per UTC day × token SKU × the
/// rollup's dimensions, read from the daily rollup; <c>?detail=run</c> splits each of those rows by the calls' run id
/// (column <c>x_RunId</c>), read from the ledger lines of the period — every line of the month, so it takes seconds
/// per million calls where the default takes milliseconds.
/// </summary>
public static class FocusDetail
{
    public const string Charge = "charge";
    public const string Run = "run";

    public static (string? Detail, string? Error) Choose(string? detail)
    {
        if (string.IsNullOrWhiteSpace(detail)) return (Charge, null);
        var chosen = detail.Trim().ToLowerInvariant();
        return chosen is Charge or Run ? (chosen, null) : (null, $"'{detail}' is not a level of detail; use charge or run");
    }
}
