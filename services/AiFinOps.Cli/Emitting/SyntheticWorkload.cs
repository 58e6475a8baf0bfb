using static AiFinOps.Cli.Emitting.SyntheticModel;

namespace AiFinOps.Cli.Emitting;

/// <summary>The organisation the generator pretends to be: four teams, their workflows and the models they call.</summary>
public static class SyntheticWorkload
{
    public static readonly IReadOnlyList<SyntheticTeam> Teams =
    [
        new("support", "CC-1200", 0.35,
        [
            new("ticket-triage", "helpdesk", [(Gpt4oMini, 0.6), (Claude35Haiku, 0.4)], 1, 3, 2, 1_800, 700, 120, 512, 0),
            new("reply-draft", "helpdesk", [(ClaudeSonnet4, 0.5), (Gpt4o, 0.5)], 2, 4, 3, 2_200, 1_500, 420, 1_024, 0),
            new("doc-qa", "help-centre", [(Gemini25Flash, 0.6), (Gpt41, 0.4)], 1, 2, 2, 1_200, 4_500, 320, 1_024, 0),
        ]),
        new("sales", "CC-2100", 0.20,
        [
            new("lead-enrichment", "crm", [(Gpt4oMini, 0.5), (MistralLarge, 0.3), (Gemini25Flash, 0.2)], 3, 6, 3, 900, 900, 220, 800, 0.3),
            new("email-personalisation", "outreach", [(ClaudeSonnet4, 0.6), (Gpt4o, 0.4)], 1, 2, 2, 1_400, 600, 380, 1_024, 0.1),
            new("call-summary", "crm", [(Gpt41, 0.6), (Claude35Haiku, 0.4)], 1, 2, 1, 1_100, 8_000, 550, 2_048, 0.2),
        ]),
        new("research", "CC-3300", 0.20,
        [
            new("doc-qa", "knowledge-base", [(ClaudeSonnet4, 0.5), (Gpt41, 0.3), (Gemini25Flash, 0.2)], 1, 3, 2, 1_600, 10_000, 750, 2_048, 0),
            new("literature-review", "insights", [(O3Mini, 0.5), (ClaudeSonnet4, 0.5)], 4, 8, 4, 2_500, 6_000, 1_200, 8_192, 0.6),
            new("data-extraction", "insights", [(Gpt4oMini, 0.7), (Gemini25Flash, 0.3)], 1, 1, 1, 1_300, 3_000, 280, 1_024, 0.7),
        ]),
        new("platform", "CC-4000", 0.25,
        [
            new("code-review", "developer-tools", [(ClaudeSonnet4, 0.6), (O3Mini, 0.2), (Gpt41, 0.2)], 2, 5, 3, 3_000, 5_000, 850, 4_096, 0),
            new("incident-summary", "sre", [(Gpt4o, 0.7), (MistralLarge, 0.3)], 1, 3, 2, 1_500, 3_500, 480, 1_024, 0),
            new("test-generation", "developer-tools", [(Gpt41, 0.5), (ClaudeSonnet4, 0.5)], 2, 4, 2, 2_000, 2_500, 1_400, 4_096, 0.2),
        ]),
    ];

    public static readonly IReadOnlyList<(string Name, double Weight)> Environments = [("prod", 0.7), ("staging", 0.2), ("dev", 0.1)];
}
