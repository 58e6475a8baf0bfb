namespace AiFinOps.Cli.Workflows;

/// <summary>The body of <c>POST /api/v1/workflows</c> and <c>PUT /api/v1/workflows/{name}</c>: a workflow's launch checklist.</summary>
public sealed record WorkflowBody(
    string Name,
    string OwnerTeam,
    string? Description,
    string[]? Models,
    string? ValueUnit,
    decimal? EstimatedMonthlyCostUsd,
    long? ExpectedTokensPerRun,
    decimal? ExpectedRunsPerDay,
    string? LaunchDate,
    decimal? TokenSpikeFactor,
    decimal? OutputShiftThreshold);
