namespace AiFinOps.Cli.Emitting;

/// <summary>
/// A workflow as the generator imitates it. A run makes <see cref="MinCalls"/>–<see cref="MaxCalls"/> calls to one model;
/// each call's prompt is one of <see cref="Templates"/> templates whose shared prefix (system prompt, instructions,
/// examples) is about <see cref="PromptPrefixTokens"/> long and cacheable, followed by the call's own content.
/// </summary>
public sealed record SyntheticWorkflow(
    string Name,
    string Product,
    IReadOnlyList<(SyntheticModel Model, double Weight)> Models,
    int MinCalls,
    int MaxCalls,
    int Templates,
    int PromptPrefixTokens,
    int MedianContentTokens,
    int MedianOutputTokens,
    int MaxOutputTokens,
    double BatchShare);
