namespace AiFinOps.Allocation.Focus;

/// <summary>Which file a request asks for: <c>?format=csv|parquet</c>, else its Accept header, else CSV.</summary>
public static class FocusFormat
{
    public const string Csv = "csv";
    public const string Parquet = "parquet";

    private static readonly string[] ParquetMediaTypes = [FocusParquetWriter.ContentType, "application/x-parquet", "application/parquet"];

    public static (string? Format, string? Error) Choose(string? format, string? accept)
    {
        if (!string.IsNullOrWhiteSpace(format))
        {
            var chosen = format.Trim().ToLowerInvariant();
            return chosen is Csv or Parquet ? (chosen, null) : (null, $"'{format}' is not a format; use csv or parquet");
        }
        var media = accept ?? "";
        if (ParquetMediaTypes.Any(t => media.Contains(t, StringComparison.OrdinalIgnoreCase))) return (Parquet, null);
        return (Csv, null);
    }
}
