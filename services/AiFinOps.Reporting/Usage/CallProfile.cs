namespace AiFinOps.Reporting.Usage;

/// <summary>
/// A workflow's calls over a range as the per-call facts show them: how many set no <c>max_output_tokens</c>, how many
/// carried a prompt fingerprint and how many of those repeated a fingerprint already sent (calls minus distinct
/// fingerprints), and the output-length distribution (<see cref="CallProfileTables.OutputBuckets"/>).
/// </summary>
public sealed record CallProfile(
    string Workflow,
    long Calls,
    long CallsWithoutOutputLimit,
    long CallsWithFingerprint,
    long RepeatedPromptCalls,
    IReadOnlyList<long> OutputLengthCalls);
