using System.Collections.Concurrent;

namespace AiFinOps.Allocation.Focus;

/// <summary>
/// Who is who in a FOCUS row of AI usage. The usage's <c>provider</c> is whoever served and bills the call — a model
/// maker's own API (OpenAI, Anthropic…) or a cloud platform hosting other makers' models (Amazon Bedrock, Azure
/// OpenAI): it gives ProviderName, InvoiceIssuerName and ServiceName. PublisherName is the model's maker, read from
/// the model name (a Bedrock model id names its vendor first), and the provider itself when the name says nothing.
/// </summary>
public static class AiServices
{
    public sealed record Service(string ProviderName, string ServiceName);

    private static readonly Dictionary<string, Service> Services = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = new("OpenAI", "OpenAI API"),
        ["anthropic"] = new("Anthropic", "Claude API"),
        ["google"] = new("Google", "Gemini API"),
        ["vertex-ai"] = new("Google Cloud", "Vertex AI"),
        ["mistral"] = new("Mistral AI", "Mistral AI API"),
        ["bedrock"] = new("AWS", "Amazon Bedrock"),
        ["azure-openai"] = new("Microsoft", "Azure OpenAI Service"),
        ["cohere"] = new("Cohere", "Cohere API"),
        ["deepseek"] = new("DeepSeek", "DeepSeek API"),
        ["xai"] = new("xAI", "xAI API"),
    };

    /// <summary>Model makers by the first word of a model name, or of a Bedrock model id's vendor part.</summary>
    private static readonly (string Prefix, string Publisher)[] Makers =
    [
        ("anthropic", "Anthropic"), ("claude", "Anthropic"),
        ("openai", "OpenAI"), ("gpt", "OpenAI"), ("o1", "OpenAI"), ("o3", "OpenAI"), ("o4", "OpenAI"), ("chatgpt", "OpenAI"),
        ("text-embedding", "OpenAI"), ("dall-e", "OpenAI"), ("whisper", "OpenAI"), ("tts", "OpenAI"),
        ("google", "Google"), ("gemini", "Google"), ("gemma", "Google"),
        ("mistral", "Mistral AI"), ("mixtral", "Mistral AI"), ("codestral", "Mistral AI"), ("ministral", "Mistral AI"),
        ("magistral", "Mistral AI"), ("pixtral", "Mistral AI"), ("devstral", "Mistral AI"), ("open-mistral", "Mistral AI"),
        ("meta", "Meta"), ("llama", "Meta"),
        ("amazon", "Amazon"), ("nova", "Amazon"), ("titan", "Amazon"),
        ("cohere", "Cohere"), ("command", "Cohere"),
        ("ai21", "AI21 Labs"), ("jamba", "AI21 Labs"),
        ("deepseek", "DeepSeek"), ("phi", "Microsoft"), ("grok", "xAI"), ("qwen", "Alibaba Cloud"),
    ];

    /// <summary>Every export names the same few models again and again: each is read once.</summary>
    private static readonly ConcurrentDictionary<(string Provider, string Model), string> Publishers = new();

    public static Service Of(string provider) =>
        Services.TryGetValue(provider, out var known) ? known : new Service(provider, $"{provider} API");

    public static string Publisher(string provider, string model) =>
        Publishers.Count < 100_000 ? Publishers.GetOrAdd((provider, model), k => FromName(k.Provider, k.Model)) : FromName(provider, model);

    private static string FromName(string provider, string model)
    {
        var name = model.Trim().ToLowerInvariant();
        if (name.StartsWith(provider.ToLowerInvariant() + "/", StringComparison.Ordinal)) name = name[(provider.Length + 1)..];
        if (name.StartsWith("ft:", StringComparison.Ordinal)) name = name[3..];
        // Bedrock: [us.|eu.|apac.|global.]vendor.model-version
        var parts = name.Split('.');
        if (parts.Length > 2 && parts[0] is "us" or "eu" or "apac" or "us-gov" or "global") name = string.Join('.', parts[1..]);
        foreach (var (prefix, publisher) in Makers)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal)
                && (name.Length == prefix.Length || !char.IsLetter(name[prefix.Length])))
            {
                return publisher;
            }
        }
        return Of(provider).ProviderName;
    }
}
