namespace AiFinOps.Anomaly.Workflows;

/// <summary>A workflow was registered (or registered again after it was retired): its launch checklist.</summary>
public sealed record WorkflowRegistered(string Name, WorkflowTerms Terms, DateTimeOffset RegisteredAt, string RegisteredBy);

/// <summary>A registered workflow's terms changed: owner, estimate, expectations or thresholds.</summary>
public sealed record WorkflowAmended(string Name, WorkflowTerms Terms, DateTimeOffset AmendedAt, string AmendedBy);

/// <summary>A workflow was retired: it should spend no more; spend from it counts as unregistered.</summary>
public sealed record WorkflowRetired(string Name, DateTimeOffset RetiredAt, string RetiredBy);

/// <summary>
/// A workflow of the registry as its stream (<c>workflow:{name}</c>) tells it, also stored as a document (the inline
/// snapshot). <see cref="Name"/> is the <c>workflow</c> tag its calls carry.
/// </summary>
public sealed partial record Workflow(
    string Id,
    string Name,
    WorkflowTerms Terms,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt,
    bool Retired)
{
    public static string StreamKey(string name) => $"workflow:{name}";

    /// <summary>Registered and not retired.</summary>
    public bool Active => !Retired;

    public static Workflow Create(WorkflowRegistered e) =>
        new(StreamKey(e.Name), e.Name, e.Terms, e.RegisteredAt, e.RegisteredAt, false);

    public Workflow Apply(WorkflowRegistered e) => this with { Terms = e.Terms, RegisteredAt = e.RegisteredAt, UpdatedAt = e.RegisteredAt, Retired = false };

    public Workflow Apply(WorkflowAmended e) => this with { Terms = e.Terms, UpdatedAt = e.AmendedAt };

    public Workflow Apply(WorkflowRetired e) => this with { Retired = true, UpdatedAt = e.RetiredAt };
}
