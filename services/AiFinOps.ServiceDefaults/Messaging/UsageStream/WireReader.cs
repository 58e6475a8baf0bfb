using System.Buffers.Binary;
using System.Text;

namespace AiFinOps.ServiceDefaults.Messaging.UsageStream;

/// <summary>
/// Reads the protocol-buffers wire format in place from a span: varints, fixed32 words, length-delimited fields (as
/// slices of the same span, never copies) and the skipping of fields this version does not know. Decoding a batch
/// through <c>CodedInputStream</c> copied every nested record out and allocated a stream per usage; this reads the
/// message body where it lies.
/// </summary>
internal ref struct WireReader
{
    private readonly ReadOnlySpan<byte> bytes;
    private int position;

    public WireReader(ReadOnlySpan<byte> bytes) => this.bytes = bytes;

    public readonly bool End => position >= bytes.Length;

    public readonly int Position => position;

    public readonly int Remaining => bytes.Length - position;

    /// <summary>The next field's tag (field number and wire type); a zero tag is invalid, as in every protobuf reader.</summary>
    public uint ReadTag()
    {
        var tag = ReadVarint();
        if (tag >> 3 == 0 || tag > uint.MaxValue) throw new InvalidDataException($"an invalid field tag {tag} at byte {position}");
        return (uint)tag;
    }

    /// <summary>The tag of the next field without reading it, or 0 at the end.</summary>
    public readonly uint PeekTag()
    {
        var copy = this;
        return copy.End ? 0 : copy.ReadTag();
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length) throw new InvalidDataException("the record ends inside a varint");
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("a varint longer than 10 bytes");
    }

    public long ReadInt64() => (long)ReadVarint();

    public bool ReadBool() => ReadVarint() != 0;

    public uint ReadFixed32()
    {
        if (bytes.Length - position < 4) throw new InvalidDataException("the record ends inside a fixed32");
        var value = BinaryPrimitives.ReadUInt32LittleEndian(bytes[position..]);
        position += 4;
        return value;
    }

    /// <summary>A length-delimited field's bytes, as a slice of the input.</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(bytes.Length - position)) throw new InvalidDataException("a length-delimited field runs past the end of its record");
        var slice = bytes.Slice(position, (int)length);
        position += (int)length;
        return slice;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadLengthDelimited());

    /// <summary>Skips the value of a field whose tag was just read (a field added by a newer writer).</summary>
    public void Skip(uint tag)
    {
        switch (tag & 7)
        {
            case 0: ReadVarint(); break;
            case 1: Advance(8); break;
            case 2: ReadLengthDelimited(); break;
            case 5: Advance(4); break;
            default: throw new InvalidDataException($"field {tag >> 3} has wire type {tag & 7}, which this reader cannot skip");
        }
    }

    private void Advance(int count)
    {
        if (bytes.Length - position < count) throw new InvalidDataException("the record ends inside a fixed-size field");
        position += count;
    }
}
