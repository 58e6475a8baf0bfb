using AiFinOps.Deploy.Tests.Rendering;
using YamlDotNet.RepresentationModel;

namespace AiFinOps.Deploy.Tests;

/// <summary>Every container the overlays run is probed and bounded, and every service comes with its Service,
/// autoscaler and disruption budget.</summary>
public sealed class WorkloadTests
{
    public static TheoryData<string> Overlays => new(Kustomize.Overlays);

    [Theory, MemberData(nameof(Overlays))]
    public void Every_container_is_ready_on_health_and_alive_on_alive_through_a_declared_port(string overlay)
    {
        var containers = ContainersOf(Kustomize.Render(overlay));

        Assert.NotEmpty(containers);
        Assert.Empty(containers
            .Where(c => c.Container.Scalar("readinessProbe", "httpGet", "path") != "/health"
                || c.Container.Scalar("livenessProbe", "httpGet", "path") != "/alive"
                || !DeclaresPort(c.Container, c.Container.Scalar("readinessProbe", "httpGet", "port"))
                || !DeclaresPort(c.Container, c.Container.Scalar("livenessProbe", "httpGet", "port")))
            .Select(c => c.Describe));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_container_requests_and_is_limited_in_cpu_and_memory(string overlay)
    {
        var containers = ContainersOf(Kustomize.Render(overlay));

        Assert.NotEmpty(containers);
        Assert.Empty(containers
            .Where(c => new[] { "requests", "limits" }.Any(bound => new[] { "cpu", "memory" }
                .Any(resource => string.IsNullOrEmpty(c.Container.Scalar("resources", bound, resource)))))
            .Select(c => c.Describe));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_service_has_a_deployment_a_service_an_autoscaler_and_a_disruption_budget(string overlay)
    {
        var rendered = Kustomize.Render(overlay);

        Assert.Equal(RenderedOverlay.Services.Order(), rendered.Workloads.Select(w => w.Name).Order());
        foreach (var name in RenderedOverlay.Services)
        {
            var deployment = rendered.Single("Deployment", name);
            var podLabels = Labels(deployment.Body, "spec", "template", "metadata", "labels");
            Assert.True(Selects(Labels(rendered.Single("Service", name).Body, "spec", "selector"), podLabels), $"Service/{name} selects no pod of its Deployment");
            Assert.True(Selects(Labels(rendered.Single("PodDisruptionBudget", name).Body, "spec", "selector", "matchLabels"), podLabels), $"PodDisruptionBudget/{name} covers no pod of its Deployment");

            var autoscaler = rendered.Single("HorizontalPodAutoscaler", name);
            Assert.Equal(("Deployment", name), (autoscaler.Scalar("spec", "scaleTargetRef", "kind"), autoscaler.Scalar("spec", "scaleTargetRef", "name")));
            Assert.InRange(int.Parse(autoscaler.Scalar("spec", "minReplicas")!), 1, int.Parse(autoscaler.Scalar("spec", "maxReplicas")!));
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_namespaced_object_lands_in_the_aifinops_namespace(string overlay)
    {
        var rendered = Kustomize.Render(overlay);

        Assert.Equal("aifinops", rendered.Single("Namespace", "aifinops").Name);
        Assert.Empty(rendered.Objects.Where(o => o.Kind != "Namespace" && o.Namespace != "aifinops").Select(o => o.ToString()));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Service_discovery_finds_each_service_at_its_kubernetes_service(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var settings = ServiceSettings(rendered);

        foreach (var name in RenderedOverlay.Services)
        {
            Assert.Equal($"http://{name}:80", settings.GetValueOrDefault($"services__{name}__http__0"));
            var port = rendered.Single("Service", name).Items("spec", "ports").Single(p => p.Scalar("name") == "http");
            Assert.Equal(("80", "http"), (port.Scalar("port"), port.Scalar("targetPort")));
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_service_reads_the_generated_settings(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var settingsName = rendered.OfKind("ConfigMap").Single(c => c.Name.StartsWith("aifinops-services", StringComparison.Ordinal)).Name;

        Assert.Empty(ContainersOf(rendered)
            .Where(c => !c.Container.Items("envFrom").Any(e => e.Scalar("configMapRef", "name") == settingsName))
            .Select(c => c.Describe));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Ingest_serves_grpc_as_cleartext_http2_on_5170_on_every_interface(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var container = RenderedOverlay.Containers(rendered.Single("Deployment", "ingest")).Single();
        var servicePort = rendered.Single("Service", "ingest").Items("spec", "ports").Single(p => p.Scalar("name") == "grpc");

        Assert.Equal("http://+:5170", Env(container, "Kestrel__Endpoints__grpc__Url"));
        Assert.Equal("http://+:8080", Env(container, "Kestrel__Endpoints__http__Url"));
        Assert.Contains(container.Items("ports"), p => p.Scalar("name") == "grpc" && p.Scalar("containerPort") == "5170");
        Assert.Equal(("5170", "grpc", "kubernetes.io/h2c"), (servicePort.Scalar("port"), servicePort.Scalar("targetPort"), servicePort.Scalar("appProtocol")));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Ingest_waits_for_the_usage_queues_of_exactly_the_consumers_the_overlay_deploys(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        // The services that consume UsageBatchPriced (docs/backpressure.md); the ones deployed must all be watched,
        // and a watched one that is not deployed would hold every call carrying usage.
        var deployed = new[] { "allocation", "budgeting", "anomaly", "reporting" }.Where(c => rendered.OfKind("Deployment").Any(d => d.Name == c));

        Assert.Equal(deployed.Order(), ServiceSettings(rendered)["Ingest__Backpressure__Consumers"].Split(',').Order());
    }

    internal static List<(KubernetesObject Workload, YamlMappingNode Container, string Describe)> ContainersOf(RenderedOverlay rendered) =>
    [
        .. rendered.Workloads.SelectMany(w => RenderedOverlay.Containers(w)
            .Select(c => (w, c, $"{rendered.Name}: {w} container {c.Scalar("name")}"))),
    ];

    internal static Dictionary<string, string> ServiceSettings(RenderedOverlay rendered) =>
        rendered.OfKind("ConfigMap").Single(c => c.Name.StartsWith("aifinops-services", StringComparison.Ordinal))
            .Body.Entries("data").ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value ?? "");

    internal static string? Env(YamlMappingNode container, string name) =>
        container.Items("env").SingleOrDefault(e => e.Scalar("name") == name)?.Scalar("value");

    private static bool DeclaresPort(YamlMappingNode container, string? port) =>
        port is not null && container.Items("ports").Any(p => p.Scalar("name") == port || p.Scalar("containerPort") == port);

    private static Dictionary<string, string> Labels(YamlNode node, params string[] path) =>
        node.Entries(path).ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value ?? "");

    private static bool Selects(Dictionary<string, string> selector, Dictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(s => labels.GetValueOrDefault(s.Key) == s.Value);
}
