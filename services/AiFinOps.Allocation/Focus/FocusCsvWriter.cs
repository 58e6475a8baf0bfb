using System.Globalization;
using System.Text;

namespace AiFinOps.Allocation.Focus;

/// <summary>
/// FOCUS rows as RFC 4180 CSV: a header row of the column names, CRLF line ends, UTF-8 without a byte-order mark,
/// fields quoted only when they hold a comma, a quote or a line break, nulls as empty fields, decimals exactly as
/// computed (invariant culture, never rounded, never in exponent form), date-times as ISO 8601 UTC
/// (<c>2026-01-01T00:00:00Z</c>). Only asynchronous writes reach the stream.
/// </summary>
public sealed class FocusCsvWriter : IFocusWriter
{
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    private readonly IReadOnlyList<FocusColumn> columns;
    private readonly StreamWriter output;
    private readonly StringBuilder line = new();
    private readonly Dictionary<DateTimeOffset, string> instants = [];
    private bool headerWritten;

    public FocusCsvWriter(Stream stream, IReadOnlyList<FocusColumn> columns)
    {
        this.columns = columns;
        output = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);
    }

    public async ValueTask WriteAsync(FocusCharge charge, CancellationToken cancellationToken)
    {
        await HeaderAsync(cancellationToken);
        line.Clear();
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0) line.Append(',');
            var column = columns[i];
            switch (column.Type)
            {
                case FocusType.Decimal:
                    if (column.Number(charge) is { } number) line.Append(CultureInfo.InvariantCulture, $"{number}");
                    break;
                case FocusType.DateTime:
                    // A file holds few distinct instants (days and the period's bounds): each is formatted once.
                    var instant = column.Instant(charge);
                    if (!instants.TryGetValue(instant, out var text))
                    {
                        text = Instant(instant);
                        if (instants.Count < 10_000) instants[instant] = text;
                    }
                    line.Append(text);
                    break;
                default:
                    Append(column.Text(charge));
                    break;
            }
        }
        line.Append("\r\n");
        await output.WriteAsync(line, cancellationToken);
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await HeaderAsync(cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => output.DisposeAsync();

    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async ValueTask HeaderAsync(CancellationToken cancellationToken)
    {
        if (headerWritten) return;
        headerWritten = true;
        line.Clear();
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0) line.Append(',');
            Append(columns[i].Name);
        }
        line.Append("\r\n");
        await output.WriteAsync(line, cancellationToken);
    }

    private void Append(string? value)
    {
        if (value is null) return;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }
        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
