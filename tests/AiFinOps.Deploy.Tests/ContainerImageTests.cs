using AiFinOps.Deploy.Tests.Rendering;

namespace AiFinOps.Deploy.Tests;

/// <summary>The manifests run the images the service projects publish.</summary>
public sealed class ContainerImageTests
{
    private static readonly Lazy<IReadOnlyList<(string Project, string Image)>> Published = new(ContainerImageNames.OfServiceProjects);

    public static TheoryData<string> Overlays => new(Kustomize.Overlays);

    [Theory, MemberData(nameof(Overlays))]
    public void Every_service_project_runs_as_the_image_it_publishes(string overlay)
    {
        var rendered = Kustomize.Render(overlay);

        Assert.Contains(Published.Value, p => p.Project == "AiFinOps.Ingest");
        foreach (var (project, image) in Published.Value)
        {
            var workload = image.Split(':')[0]["aifinops-".Length..];
            var container = RenderedOverlay.Containers(rendered.Single("Deployment", workload)).Single();
            var runs = container.Scalar("image")!;
            // Locally as published; in production from a registry (kustomize `images`), under the same name and tag.
            Assert.True(runs == image || runs.EndsWith($"/{image}", StringComparison.Ordinal), $"{project} publishes {image}; Deployment/{workload} runs {runs}");
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_deployment_runs_the_aifinops_image_named_after_it_with_the_published_tag(string overlay)
    {
        var tag = Published.Value.Single(p => p.Project == "AiFinOps.Ingest").Image.Split(':')[1];

        Assert.All(Kustomize.Render(overlay).OfKind("Deployment"), d =>
            Assert.EndsWith($"aifinops-{d.Name}:{tag}", RenderedOverlay.Containers(d).Single().Scalar("image")));
    }
}
