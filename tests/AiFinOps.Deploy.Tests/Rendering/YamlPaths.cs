using YamlDotNet.RepresentationModel;

namespace AiFinOps.Deploy.Tests.Rendering;

/// <summary>Reading a YAML document by key path: <c>node.Scalar("spec", "replicas")</c>.</summary>
public static class YamlPaths
{
    public static YamlNode? At(this YamlNode node, params string[] path)
    {
        YamlNode? current = node;
        foreach (var key in path)
        {
            current = current is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child)
                ? child
                : null;
        }
        return current;
    }

    public static string? Scalar(this YamlNode node, params string[] path) => (node.At(path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlMappingNode> Items(this YamlNode node, params string[] path) =>
        (node.At(path) as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [];

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlNode node, params string[] path) =>
        (node.At(path) as YamlMappingNode)?.Children.Select(c => (((YamlScalarNode)c.Key).Value ?? "", c.Value)) ?? [];
}
