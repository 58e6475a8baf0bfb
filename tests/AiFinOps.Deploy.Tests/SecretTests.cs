using System.Text.RegularExpressions;
using AiFinOps.Deploy.Tests.Rendering;
using YamlDotNet.RepresentationModel;

namespace AiFinOps.Deploy.Tests;

/// <summary>No secret value is committed: Secrets come from the operators or are created by hand as the README says,
/// and every credential reaches a container from a Secret.</summary>
public sealed partial class SecretTests
{
    /// <summary>Created by CloudNativePG (<c>{cluster}-app</c>) and the RabbitMQ Cluster Operator (<c>{cluster}-default-user</c>).</summary>
    private static readonly string[] OperatorSecrets = ["aifinops-db-app", "aifinops-rabbitmq-default-user"];

    public static TheoryData<string> Overlays => new(Kustomize.Overlays);

    [Fact]
    public void No_committed_manifest_holds_a_secret_value()
    {
        var manifests = Directory.EnumerateFiles(Repository.Kubernetes, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(manifests);
        foreach (var file in manifests)
        {
            var objects = KubernetesObject.ParseAll(File.ReadAllText(file));
            Assert.Empty(objects.Where(o => o.Kind == "Secret" && CarriesValues(o.Body)).Select(o => $"{file}: {o}"));
            // A secretGenerator may read git-ignored files; literals would be values in the repository.
            Assert.Empty(objects.SelectMany(o => o.Items("secretGenerator")).Where(g => g.At("literals") is not null).Select(g => $"{file}: secretGenerator {g.Scalar("name")}"));
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void No_rendered_secret_carries_a_value(string overlay)
    {
        var rendered = Kustomize.Render(overlay);

        Assert.Empty(rendered.OfKind("Secret").Where(s => CarriesValues(s.Body)).Select(s => s.ToString()));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_credential_reaches_its_container_from_a_secret(string overlay)
    {
        var env = WorkloadTests.ContainersOf(Kustomize.Render(overlay))
            .SelectMany(c => c.Container.Items("env").Select(e => (Variable: e, c.Describe)))
            .ToList();

        Assert.Contains(env, e => e.Variable.At("valueFrom", "secretKeyRef") is not null);
        Assert.Empty(env
            .Where(e => CredentialName().IsMatch(e.Variable.Scalar("name") ?? "") && e.Variable.At("valueFrom", "secretKeyRef") is null)
            .Select(e => $"{e.Describe}: {e.Variable.Scalar("name")} is not read from a Secret"));
        // Connection strings are composed from those variables, never written out.
        Assert.Empty(env
            .Where(e => e.Variable.Scalar("value") is { } value && LiteralPassword().IsMatch(value))
            .Select(e => $"{e.Describe}: {e.Variable.Scalar("name")} holds a password"));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_secret_a_workload_reads_comes_from_an_operator_or_the_readme(string overlay)
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Kubernetes, "README.md"));
        var spec = Kustomize.Render(overlay).Objects.Where(o => o.Kind is "Deployment" or "Cluster" or "ObjectStore").ToList();
        var names = spec.SelectMany(o => SecretNames(o.Body)).Distinct().ToList();

        Assert.Contains("aifinops-admin-key", names);
        Assert.DoesNotContain(names, n => !OperatorSecrets.Contains(n) && !readme.Contains($"create secret generic {n}", StringComparison.Ordinal));
    }

    private static bool CarriesValues(YamlNode secret) =>
        new[] { "data", "stringData" }.Any(field => secret.At(field) is YamlMappingNode { Children.Count: > 0 });

    /// <summary>Every <c>name:</c> under a <c>secretKeyRef</c>, <c>secretRef</c>, or a CloudNativePG credentials reference.</summary>
    private static IEnumerable<string> SecretNames(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.SelectMany(c =>
            ((YamlScalarNode)c.Key).Value is "secretKeyRef" or "secretRef" or "accessKeyId" or "secretAccessKey"
                && c.Value.Scalar("name") is { } name
                ? [name]
                : SecretNames(c.Value)),
        YamlSequenceNode list => list.Children.SelectMany(SecretNames),
        _ => [],
    };

    [GeneratedRegex("PASSWORD|SECRET|TOKEN|_KEY$", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialName();

    /// <summary><c>Password=</c> or <c>user:password@</c> followed by anything but a <c>$(VARIABLE)</c> reference.</summary>
    [GeneratedRegex(@"Password=(?!\$\()|://[^:/@]+:(?!\$\()[^@]+@", RegexOptions.IgnoreCase)]
    private static partial Regex LiteralPassword();
}
