namespace AiFinOps.Reporting;

/// <summary>
/// Reporting's settings: <see cref="ServiceKey"/>, the key it reads the other services' APIs with
/// (<c>Reporting:ServiceKey</c>, else the <c>AIFINOPS_ADMIN_KEY</c> the app host gives it; it needs the finance scope
/// for the chargeback statement); <see cref="PublicUrl"/>, the gateway address report links start with
/// (<c>Reporting:PublicUrl</c>, default <c>http://localhost:8080</c>).
/// </summary>
public sealed record ReportingSettings(string? ServiceKey, string PublicUrl)
{
    public const string DefaultPublicUrl = "http://localhost:8080";

    public static ReportingSettings From(IConfiguration configuration) => new(
        configuration["Reporting:ServiceKey"] is { Length: > 0 } key ? key
            : configuration["AIFINOPS_ADMIN_KEY"] is { Length: > 0 } admin ? admin : null,
        (configuration["Reporting:PublicUrl"] is { Length: > 0 } url ? url : DefaultPublicUrl).TrimEnd('/'));

    /// <summary>Not the key: a record's generated ToString would print it.</summary>
    public override string ToString() => $"ReportingSettings {{ PublicUrl = {PublicUrl}, ServiceKey = {(ServiceKey is null ? "none" : "set")} }}";
}
