namespace AiFinOps.Cli.Emitting;

/// <summary>How a provider reports prompt caching in its usage.</summary>
public enum PromptCaching
{
    /// <summary>No cached tokens reported.</summary>
    None,

    /// <summary>Automatic prefix caching: cache reads on a warm prefix, no billed cache writes (OpenAI, Gemini).</summary>
    ReadsOnly,

    /// <summary>Explicit caching: the first call writes the prefix, later calls read it (Anthropic).</summary>
    WritesThenReads,
}

/// <summary>A model as the generator imitates it: caching, reasoning habits and speed.</summary>
/// <param name="ReasoningChance">Share of calls that reason (thinking models, extended thinking).</param>
/// <param name="ReasoningPerVisibleToken">Reasoning tokens per visible output token, uniformly in this range.</param>
/// <param name="MinCachedPrefix">Shortest prompt prefix the provider caches.</param>
public sealed record SyntheticModel(
    string Provider,
    string Name,
    PromptCaching Caching,
    double ReasoningChance,
    (double Low, double High) ReasoningPerVisibleToken,
    int MinCachedPrefix,
    double MillisecondsPerOutputToken)
{
    public static readonly SyntheticModel Gpt4o = new("openai", "gpt-4o", PromptCaching.ReadsOnly, 0, (0, 0), 1024, 12);
    public static readonly SyntheticModel Gpt4oMini = new("openai", "gpt-4o-mini", PromptCaching.ReadsOnly, 0, (0, 0), 1024, 7);
    public static readonly SyntheticModel Gpt41 = new("openai", "gpt-4.1", PromptCaching.ReadsOnly, 0, (0, 0), 1024, 10);
    public static readonly SyntheticModel O3Mini = new("openai", "o3-mini", PromptCaching.ReadsOnly, 1, (1, 4), 1024, 8);
    public static readonly SyntheticModel ClaudeSonnet4 =
        new("anthropic", "claude-sonnet-4-20250514", PromptCaching.WritesThenReads, 0.15, (0.5, 3), 1024, 14);
    public static readonly SyntheticModel Claude35Haiku =
        new("anthropic", "claude-3-5-haiku-20241022", PromptCaching.WritesThenReads, 0, (0, 0), 2048, 6);
    public static readonly SyntheticModel Gemini25Flash = new("google", "gemini-2.5-flash", PromptCaching.ReadsOnly, 0.6, (0.3, 2), 1024, 4);
    public static readonly SyntheticModel MistralLarge = new("mistral", "mistral-large-latest", PromptCaching.None, 0, (0, 0), int.MaxValue, 15);

    public static readonly IReadOnlyList<SyntheticModel> All =
        [Gpt4o, Gpt4oMini, Gpt41, O3Mini, ClaudeSonnet4, Claude35Haiku, Gemini25Flash, MistralLarge];
}
