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
            Append(Field(columns[i], charge));
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

    /// <summary>A value as the CSV shows it; null for an empty field.</summary>
    public static string? Field(FocusColumn column, FocusCharge charge) => column.Type switch
    {
        FocusType.Decimal => column.Number(charge)?.ToString(CultureInfo.InvariantCulture),
        FocusType.DateTime => Instant(column.Instant(charge)),
        _ => column.Text(charge),
    };

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
