namespace AiFinOps.Reporting.Reviews;

/// <summary>
/// What a quarterly review decided for one workflow: the change (<see cref="ReviewChanges"/>), in words, and the saving
/// per month it is expected to bring. Stream <c>review:{quarter}</c> holds a review's decisions in the order recorded.
/// </summary>
public sealed record ReviewDecisionRecorded(
    Guid DecisionId,
    string Quarter,
    string Workflow,
    string Change,
    string Description,
    decimal ExpectedMonthlySavingUsd,
    DateTimeOffset DecidedAt,
    string DecidedBy)
{
    public static string StreamKey(string quarter) => $"review:{quarter}";
}

/// <summary>The kinds of change a review decides, the levers of the review pack's three questions.</summary>
public static class ReviewChanges
{
    public const string ModelSwitch = "model-switch";
    public const string Caching = "caching";
    public const string OutputLimit = "output-limit";
    public const string PromptCompression = "prompt-compression";
    public const string Retire = "retire";
    public const string Keep = "keep";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [ModelSwitch, Caching, OutputLimit, PromptCompression, Retire, Keep, Other];
}
