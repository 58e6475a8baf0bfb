using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace AiFinOps.ServiceDefaults.Messaging.UsageStream;

/// <summary>
/// The values a batch repeats — provider, model, team, workflow, environment, tags, catalogue keys — made once per
/// batch and shared by every usage that carries the same bytes, instead of a new string (or dictionary) per usage:
/// most of decoding's allocations, and so most of its garbage collection. Keyed by the wire bytes, so a hit costs a
/// hash and a comparison, no UTF-8 decoding. Lives for one <see cref="PricedUsageCodec.Decode(ReadOnlySpan{byte})"/>.
/// </summary>
internal sealed class RepeatedValues
{
    private readonly Dictionary<byte[], string> strings = new(WireBytesComparer.Instance);
    private readonly Dictionary<byte[], object> collections = new(WireBytesComparer.Instance);

    public string String(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty) return "";
        var lookup = strings.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (!lookup.TryGetValue(utf8, out var value)) lookup[utf8] = value = Encoding.UTF8.GetString(utf8);
        return value;
    }

    /// <summary>The collection made earlier from the same run of fields (<paramref name="wire"/>), if any.</summary>
    public bool TryGetCollection<T>(ReadOnlySpan<byte> wire, [NotNullWhen(true)] out T? collection) where T : class
    {
        collection = collections.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(wire, out var found) ? (T)found : null;
        return collection is not null;
    }

    public void AddCollection(ReadOnlySpan<byte> wire, object collection) =>
        collections.GetAlternateLookup<ReadOnlySpan<byte>>()[wire] = collection;

    private sealed class WireBytesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly WireBytesComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] bytes) => GetHashCode((ReadOnlySpan<byte>)bytes);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
