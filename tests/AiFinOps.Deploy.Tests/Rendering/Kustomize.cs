using System.Collections.Concurrent;

namespace AiFinOps.Deploy.Tests.Rendering;

/// <summary>Renders an overlay of deploy/kubernetes with <c>kubectl kustomize</c> (offline: no cluster is asked), once per
/// test run. <c>AIFINOPS_KUBECTL</c> picks another kubectl, e.g. an older one to check the kustomization still renders
/// with what <c>deploy/local/install.sh --tests</c> installs.</summary>
public static class Kustomize
{
    public static readonly string[] Overlays = ["local", "production"];

    private static readonly ConcurrentDictionary<string, Lazy<RenderedOverlay>> Rendered = new();

    public static string Kubectl => Environment.GetEnvironmentVariable("AIFINOPS_KUBECTL") is { Length: > 0 } path ? path : "kubectl";

    public static RenderedOverlay Render(string overlay) =>
        Rendered.GetOrAdd(overlay, name => new Lazy<RenderedOverlay>(() => RenderNow(name))).Value;

    private static RenderedOverlay RenderNow(string overlay)
    {
        var yaml = ExternalCommand.Run(Kubectl, "Install it with deploy/local/install.sh --tests.",
            "kustomize", Repository.Overlay(overlay));
        return new RenderedOverlay(overlay, KubernetesObject.ParseAll(yaml));
    }
}
