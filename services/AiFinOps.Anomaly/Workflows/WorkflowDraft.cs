namespace AiFinOps.Anomaly.Workflows;

/// <summary>
/// A workflow's terms as given, not yet judged. Only the owner team is required: a registration without a cost
/// estimate is allowed, and is itself a finding (<c>anomaly.unregistered-workflow</c>) once the workflow spends.
/// </summary>
public sealed record WorkflowDraft(
    string? OwnerTeam,
    string? Description,
    IReadOnlyList<string>? Models,
    string? ValueUnit,
    decimal? EstimatedMonthlyCostUsd,
    long? ExpectedTokensPerRun,
    decimal? ExpectedRunsPerDay,
    DateOnly? LaunchDate,
    decimal? TokenSpikeFactor,
    decimal? OutputShiftThreshold)
{
    public const int MaxNameLength = 128;
    public const int MaxTextLength = 256;
    public const int MaxDescriptionLength = 4_000;
    public const int MaxModels = 50;

    /// <summary>Names the REST paths use for something else, and the bucket of untagged usage.</summary>
    private static readonly string[] Reserved = ["activity", Contracts.Messages.UsageDimensions.Untagged];

    public (WorkflowTerms? Terms, IReadOnlyList<FieldError> Errors) Validate()
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(OwnerTeam)) errors.Add(new("ownerTeam", "required: the team that owns the workflow and receives its alerts"));
        else errors.AddRange(TextProblems("ownerTeam", OwnerTeam, MaxTextLength));
        errors.AddRange(TextProblems("description", Description, MaxDescriptionLength, lineBreaks: true));
        errors.AddRange(TextProblems("valueUnit", ValueUnit, MaxTextLength));
        var models = Models ?? [];
        if (models.Count > MaxModels) errors.Add(new("models", $"at most {MaxModels} models"));
        for (var i = 0; i < models.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(models[i])) errors.Add(new($"models[{i}]", "a model name, as the provider names it, e.g. gpt-4o"));
            else errors.AddRange(TextProblems($"models[{i}]", models[i], MaxTextLength));
        }
        if (EstimatedMonthlyCostUsd is <= 0) errors.Add(new("estimatedMonthlyCostUsd", "must be more than 0 USD (leave it out if there is no estimate yet)"));
        if (ExpectedTokensPerRun is <= 0) errors.Add(new("expectedTokensPerRun", "must be a positive number of tokens"));
        if (ExpectedRunsPerDay is <= 0) errors.Add(new("expectedRunsPerDay", "must be more than 0 runs"));
        if (TokenSpikeFactor is { } factor && factor is <= 1 or > 100) errors.Add(new("tokenSpikeFactor", "must be above 1 and at most 100, e.g. 2 for twice the expected tokens"));
        if (OutputShiftThreshold is { } shift && shift is <= 0 or > 10) errors.Add(new("outputShiftThreshold", "must be above 0 and at most 10, e.g. 0.5 for a rise of 50 %"));
        if (errors.Count > 0) return (null, errors);
        return (new WorkflowTerms(OwnerTeam!.Trim(), Description?.Trim() ?? "", models.Select(m => m.Trim()).ToList(), ValueUnit?.Trim() ?? "",
            EstimatedMonthlyCostUsd, ExpectedTokensPerRun, ExpectedRunsPerDay, LaunchDate, TokenSpikeFactor, OutputShiftThreshold), errors);
    }

    /// <summary>A free text field: bounded, so the registry cannot be filled with megabytes, and without control characters.</summary>
    private static IEnumerable<FieldError> TextProblems(string field, string? text, int maxLength, bool lineBreaks = false)
    {
        if (text is null) yield break;
        if (text.Length > maxLength) yield return new(field, $"is {text.Length} characters long; at most {maxLength} are allowed");
        else if (text.Any(c => char.IsControl(c) && !(lineBreaks && c is '\n' or '\r' or '\t')))
            yield return new(field, "must not contain control characters");
    }

    /// <summary>Why a name cannot be registered, or null: it must be the usage's <c>workflow</c> tag as sent.</summary>
    public static string? NameProblem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "required: the workflow tag its calls carry, e.g. support-triage";
        if (name.Length > MaxNameLength) return $"at most {MaxNameLength} characters";
        if (name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '?' or '#' or '%'))
            return "no spaces, control characters, '/', '?', '#' or '%': use the workflow tag as sent, e.g. support-triage";
        if (Reserved.Contains(name, StringComparer.Ordinal)) return $"'{name}' is reserved";
        return null;
    }
}
