namespace AiFinOps.Ingest.Catalogue;

/// <summary>A name was declared an alias of a catalogue model (stream key <c>alias:{provider}/{alias}</c>).</summary>
public sealed record ModelAliased(ModelAlias Alias, string SetBy, DateTimeOffset At);

/// <summary>The alias in force for one name (inline snapshot of its stream).</summary>
public sealed record CatalogueAlias(string Id, ModelAlias Alias)
{
    public static string StreamKey(string provider, string alias) => $"alias:{provider.ToLowerInvariant()}/{alias.ToLowerInvariant()}";

    public static CatalogueAlias Create(ModelAliased e) => new(StreamKey(e.Alias.Provider, e.Alias.Alias), e.Alias);

    public CatalogueAlias Apply(ModelAliased e) => this with { Alias = e.Alias };
}
