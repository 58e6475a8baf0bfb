using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace AiFinOps.ServiceDefaults.Database;

/// <summary>
/// A binary <c>COPY … FROM STDIN</c> whose rows are encoded here, in PostgreSQL's binary format, and sent as raw bytes
/// (Npgsql's raw binary copy). Npgsql's own importer binds every value through a parameter; on the usage path, where
/// each call is a row in four tables, that per-value work was about a twelfth of the services' CPU. This writes the
/// few types usage rows have. A copy not completed is cancelled, so a failure part-way writes nothing; a row PostgreSQL
/// refuses (a key that exists) fails <see cref="CompleteAsync"/> with its <see cref="PostgresException"/>.
/// </summary>
public sealed class BinaryCopy : IAsyncDisposable
{
    /// <summary>The signature, flags and header extension length every binary copy starts with.</summary>
    private static readonly byte[] Header = [.. "PGCOPY\n"u8, 0xFF, .. "\r\n\0"u8, 0, 0, 0, 0, 0, 0, 0, 0];

    private const int FlushAt = 64 * 1024;
    private const int JsonbVersion = 1;
    private const uint TextOid = 25;
    private const short NumericNegative = 0x4000;

    /// <summary>PostgreSQL's epoch, 2000-01-01 UTC, in .NET ticks: timestamps are microseconds from it.</summary>
    private const long PostgresEpochTicks = 630_822_816_000_000_000;

    /// <summary>Strict, as Npgsql's: a string that is not valid UTF-16 fails instead of being written with replacements.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly NpgsqlRawCopyStream stream;
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(FlushAt * 2);
    private int length;
    private bool completed;

    private BinaryCopy(NpgsqlRawCopyStream stream) => this.stream = stream;

    /// <param name="copy">A <c>COPY table (columns…) FROM STDIN (FORMAT BINARY)</c> statement.</param>
    public static async Task<BinaryCopy> BeginAsync(NpgsqlConnection connection, string copy, CancellationToken cancellationToken)
    {
        var copying = new BinaryCopy(await connection.BeginRawBinaryCopyAsync(copy, cancellationToken));
        copying.Bytes(Header);
        return copying;
    }

    /// <summary>Starts a row of <paramref name="columns"/> values, which follow in the statement's column order.</summary>
    public void StartRow(short columns) => Int16(columns);

    /// <summary>Ends a row: sends what is buffered once it is large enough.</summary>
    public ValueTask EndRowAsync(CancellationToken cancellationToken) =>
        length >= FlushAt ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;

    public void Null() => Int32(-1);

    public void Text(string value)
    {
        Ensure(4 + Utf8.GetMaxByteCount(value.Length));
        var written = Utf8.GetBytes(value, buffer.AsSpan(length + 4));
        Int32(written);
        length += written;
    }

    public void TextOrNull(string? value)
    {
        if (value is null) Null();
        else Text(value);
    }

    /// <summary>A <c>text[]</c> of non-null elements, one dimension from 1 (an empty one has no dimension).</summary>
    public void TextArray(IReadOnlyList<string> values)
    {
        var lengthAt = length;
        Int32(0);
        Int32(values.Count == 0 ? 0 : 1);
        Int32(0);
        Int32(unchecked((int)TextOid));
        if (values.Count > 0)
        {
            Int32(values.Count);
            Int32(1);
        }
        foreach (var value in values) Text(value);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(lengthAt), length - lengthAt - 4);
    }

    /// <summary>A <c>jsonb</c> from its JSON text.</summary>
    public void Jsonb(string json)
    {
        Ensure(5 + Utf8.GetMaxByteCount(json.Length));
        var written = Utf8.GetBytes(json, buffer.AsSpan(length + 5));
        Int32(written + 1);
        buffer[length++] = JsonbVersion;
        length += written;
    }

    public void Int8(long value)
    {
        Int32(8);
        Ensure(8);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(length), value);
        length += 8;
    }

    public void Bool(bool value)
    {
        Int32(1);
        Ensure(1);
        buffer[length++] = value ? (byte)1 : (byte)0;
    }

    /// <summary>A <c>timestamptz</c>: microseconds from PostgreSQL's epoch, sub-microsecond ticks dropped as Npgsql drops them.</summary>
    public void TimestampTz(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        Int8(ticks == DateTime.MaxValue.Ticks ? long.MaxValue
            : ticks == DateTime.MinValue.Ticks ? long.MinValue
            : (ticks - PostgresEpochTicks) / 10);
    }

    /// <summary>
    /// A <c>numeric</c>, exactly: base-10,000 digits aligned on the decimal point, the display scale the decimal's own
    /// (1.50 stays 1.50). Trailing zero groups are left out, as PostgreSQL stores them.
    /// </summary>
    public void Numeric(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var padding = (4 - scale % 4) % 4;
        var mantissa = new UInt128((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]) * PowersOfTen[padding];
        var fractionGroups = (scale + padding) / 4;

        // 96 bits are at most 29 decimal digits, 32 with the padding: 8 groups.
        Span<short> groups = stackalloc short[8];
        var count = 0;
        while (mantissa > ulong.MaxValue)
        {
            groups[count++] = (short)(ulong)(mantissa % 10_000);
            mantissa /= 10_000;
        }
        for (var rest = (ulong)mantissa; rest != 0; rest /= 10_000) groups[count++] = (short)(rest % 10_000);

        var lowest = 0;
        while (lowest < count && groups[lowest] == 0) lowest++;
        var digits = count - lowest;
        Int32(8 + 2 * digits);
        Int16((short)digits);
        Int16((short)(digits == 0 ? 0 : count - 1 - fractionGroups));
        Int16(negative && digits > 0 ? NumericNegative : (short)0);
        Int16((short)scale);
        for (var i = count - 1; i >= lowest; i--) Int16(groups[i]);
    }

    private static readonly UInt128[] PowersOfTen = [1, 10, 100, 1000];

    /// <summary>Ends the copy: every row is sent and PostgreSQL has stored them, or this throws what it refused.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        Int16(-1);
        await FlushAsync(cancellationToken);
        completed = true;
        await stream.DisposeAsync();
    }

    /// <summary>
    /// Cancels a copy not completed (its rows are discarded) and returns the buffer. A copy that failed part-way may not
    /// cancel cleanly either; then what failed it is what the caller sees, and the caller's transaction, which the
    /// failure aborts, is what keeps the rows out.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!completed) await stream.CancelAsync();
            await stream.DisposeAsync();
        }
        catch (Exception) when (!completed)
        {
            // Nothing to add to the failure that left the copy incomplete.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await stream.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
        length = 0;
    }

    private void Int16(short value)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(length), value);
        length += 2;
    }

    private void Int32(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), value);
        length += 4;
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }

    /// <summary>Room for <paramref name="bytes"/> more: a value larger than what is left grows the buffer.</summary>
    private void Ensure(int bytes)
    {
        if (length + bytes <= buffer.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + bytes));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
