using System.Text.Json;

namespace AiFinOps.Ingest.Catalogue.Bundled;

/// <summary>
/// The default catalogue shipped with AiFinOps (<c>default-catalogue.json</c>, embedded): public list prices of the
/// models people use now, each with its source and the date it was checked.
/// </summary>
public sealed record BundledCatalogue(IReadOnlyList<CataloguePrice> Prices, IReadOnlyList<ModelAlias> Aliases)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static BundledCatalogue Load()
    {
        using var stream = typeof(BundledCatalogue).Assembly.GetManifestResourceStream("AiFinOps.Ingest.default-catalogue.json")
            ?? throw new InvalidOperationException("The bundled price catalogue is missing from the assembly.");
        return Parse(stream);
    }

    public static BundledCatalogue Parse(Stream json) =>
        JsonSerializer.Deserialize<BundledCatalogue>(json, Json)
        ?? throw new InvalidDataException("The price catalogue file is empty.");
}
