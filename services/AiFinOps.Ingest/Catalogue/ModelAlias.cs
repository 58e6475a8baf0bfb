namespace AiFinOps.Ingest.Catalogue;

/// <summary>Another name under which a catalogue model is sold or called, e.g. Bedrock's
/// <c>anthropic.claude-sonnet-4-20250514-v1:0</c> for <c>anthropic/claude-sonnet-4</c>.</summary>
public sealed record ModelAlias(string Provider, string Alias, string TargetProvider, string TargetModel);
