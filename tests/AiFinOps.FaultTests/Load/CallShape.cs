namespace AiFinOps.FaultTests.Load;

/// <summary>A kind of AI call the load repeats: its price is quoted once from ingest's catalogue, so the ground truth's
/// cost is exact without pricing anything in the test.</summary>
public sealed record CallShape(string Provider, string Model, long InputTokens, long OutputTokens)
{
    public static readonly IReadOnlyList<CallShape> All =
    [
        new("openai", "gpt-4o-mini", 1_200, 300),
        new("openai", "gpt-4o", 2_000, 500),
        new("openai", "gpt-4.1-mini", 4_000, 900),
        new("anthropic", "claude-3-5-haiku", 800, 200),
        new("anthropic", "claude-sonnet-4", 3_000, 1_200),
    ];
}
