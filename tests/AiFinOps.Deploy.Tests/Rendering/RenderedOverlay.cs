using YamlDotNet.RepresentationModel;

namespace AiFinOps.Deploy.Tests.Rendering;

/// <summary>What <c>kubectl kustomize</c> printed for one overlay, as objects.</summary>
public sealed record RenderedOverlay(string Name, IReadOnlyList<KubernetesObject> Objects)
{
    /// <summary>Every AiFinOps workload: one Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget each.</summary>
    public static readonly string[] Services =
        ["ingest", "allocation", "budgeting", "anomaly", "reporting", "notifications", "gateway", "web"];

    private static readonly string[] WorkloadKinds = ["Deployment", "StatefulSet", "DaemonSet"];

    public IEnumerable<KubernetesObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public KubernetesObject Single(string kind, string name) =>
        Objects.SingleOrDefault(o => o.Kind == kind && o.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"overlay {Name} renders no {kind}/{name}");

    public IEnumerable<KubernetesObject> Workloads => Objects.Where(o => WorkloadKinds.Contains(o.Kind));

    public static IEnumerable<YamlMappingNode> Containers(KubernetesObject workload) =>
        workload.Items("spec", "template", "spec", "containers");
}
