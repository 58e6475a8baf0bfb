using Parquet;
using Parquet.Schema;

namespace AiFinOps.Allocation.Focus;

/// <summary>
/// FOCUS rows as Apache Parquet, one row group per <see cref="RowGroupSize"/> rows, so at most one row group is held
/// in memory. Logical types: strings as UTF-8 strings, decimals as DECIMAL(38,18), date-times as timestamps adjusted
/// to UTC (microseconds); a column that FOCUS does not allow to be null is REQUIRED, the others OPTIONAL.
/// </summary>
public sealed class FocusParquetWriter : IFocusWriter
{
    public const string ContentType = "application/vnd.apache.parquet";
    public const int RowGroupSize = 25_000;
    public const int Precision = 38;

    private readonly IReadOnlyList<FocusColumn> columns;
    private readonly DataField[] fields;
    private readonly ParquetSchema schema;
    private readonly ForwardOnlyOutput output;
    private readonly List<FocusCharge> batch = new(RowGroupSize);
    private ParquetWriter? writer;

    public FocusParquetWriter(Stream stream, IReadOnlyList<FocusColumn> columns)
    {
        this.columns = columns;
        fields = columns.Select(Field).ToArray();
        schema = new ParquetSchema(fields);
        output = new ForwardOnlyOutput(stream);
    }

    public static DataField Field(FocusColumn column) => column.Type switch
    {
        FocusType.Decimal => new DecimalDataField(column.Name, Precision, CostShares.Scale, forceByteArrayEncoding: true, isNullable: column.Nullable),
        FocusType.DateTime => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true,
            unit: DateTimeTimeUnit.Micros, isNullable: column.Nullable),
        _ => new DataField<string>(column.Name, column.Nullable),
    };

    public async ValueTask WriteAsync(FocusCharge charge, CancellationToken cancellationToken)
    {
        batch.Add(charge);
        if (batch.Count >= RowGroupSize) await WriteRowGroupAsync(cancellationToken);
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (batch.Count > 0 || writer is null) await WriteRowGroupAsync(cancellationToken);
        await writer!.DisposeAsync();
        writer = null;
        await output.DrainAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (writer is not null) await writer.DisposeAsync();
        await output.DisposeAsync();
    }

    private async Task WriteRowGroupAsync(CancellationToken cancellationToken)
    {
        writer ??= await ParquetWriter.CreateAsync(schema, output, cancellationToken: cancellationToken);
        if (batch.Count > 0)
        {
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < columns.Count; i++) await WriteColumnAsync(group, columns[i], fields[i], cancellationToken);
        }
        batch.Clear();
        await output.DrainAsync(cancellationToken);
    }

    private async Task WriteColumnAsync(ParquetRowGroupWriter group, FocusColumn column, DataField field, CancellationToken ct)
    {
        switch (column.Type)
        {
            case FocusType.Decimal when column.Nullable:
                await group.WriteAsync<decimal>(field, batch.Select(c => Round(column.Number(c))).ToArray().AsMemory(), cancellationToken: ct);
                break;
            case FocusType.Decimal:
                await group.WriteAsync<decimal>(field, batch.Select(c => Round(column.Number(c)) ?? 0m).ToArray().AsMemory(), cancellationToken: ct);
                break;
            case FocusType.DateTime:
                await group.WriteAsync<DateTime>(field, batch.Select(c => column.Instant(c).UtcDateTime).ToArray().AsMemory(), cancellationToken: ct);
                break;
            default:
                await group.WriteAsync(field, batch.Select(c => column.Text(c)).ToArray());
                break;
        }
    }

    /// <summary>The file's decimals hold <see cref="CostShares.Scale"/> places; rounding here, not truncating in the encoder.</summary>
    private static decimal? Round(decimal? value) =>
        value is { } v ? decimal.Round(v, CostShares.Scale, MidpointRounding.ToEven) : null;

    /// <summary>
    /// The response as the Parquet writer needs it: a position to record offsets, and synchronous writes that never
    /// reach the network (Kestrel forbids them) — they are held and sent asynchronously after each row group.
    /// </summary>
    private sealed class ForwardOnlyOutput(Stream destination) : Stream
    {
        private readonly MemoryStream pending = new();
        private long position;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => position;

        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            pending.Write(buffer);
            position += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public async Task DrainAsync(CancellationToken cancellationToken)
        {
            if (pending.Length == 0) return;
            pending.Position = 0;
            await pending.CopyToAsync(destination, cancellationToken);
            pending.SetLength(0);
            await destination.FlushAsync(cancellationToken);
        }

        public override void Flush() { }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) pending.Dispose();
            base.Dispose(disposing);
        }
    }
}
