using YamlDotNet.RepresentationModel;

namespace AiFinOps.Deploy.Tests.Rendering;

/// <summary>One object of a manifest: its kind, name and namespace, and the whole document to look into.</summary>
public sealed record KubernetesObject(string Kind, string Name, string? Namespace, YamlMappingNode Body)
{
    public static IReadOnlyList<KubernetesObject> ParseAll(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return
        [
            .. stream.Documents
                .Select(d => d.RootNode)
                .OfType<YamlMappingNode>()
                .Select(root => new KubernetesObject(
                    root.Scalar("kind") ?? "",
                    root.Scalar("metadata", "name") ?? "",
                    root.Scalar("metadata", "namespace"),
                    root)),
        ];
    }

    public YamlNode? At(params string[] path) => Body.At(path);

    public string? Scalar(params string[] path) => Body.Scalar(path);

    public IEnumerable<YamlMappingNode> Items(params string[] path) => Body.Items(path);

    public override string ToString() => $"{Kind}/{Name}";
}
