namespace AiFinOps.Budgeting.Spend;

/// <summary>A workflow or model and what it spent in one budget's scope and period (effective cost, USD).</summary>
public sealed record SpendContributor(string Name, decimal SpentUsd)
{
    public const string Workflow = "workflow";
    public const string Model = "model";

    /// <summary>How a model is named among contributors: <c>openai/gpt-4o</c> (the same model name from two providers is two lines).</summary>
    public static string ModelName(string provider, string model) => provider.Length == 0 ? model : $"{provider}/{model}";

    /// <summary><see cref="ModelName"/> in SQL over <c>accrued_spend</c>.</summary>
    public const string ModelNameSql = "CASE WHEN provider = '' THEN model ELSE provider || '/' || model END";
}
