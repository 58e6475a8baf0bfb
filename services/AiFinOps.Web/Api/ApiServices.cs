namespace AiFinOps.Web.Api;

/// <summary>
/// The services the dashboard reads, each a named <see cref="HttpClient"/> whose base address is
/// <c>Web:Services:{name}</c>, by default <c>http://{name}</c> (resolved by service discovery).
/// </summary>
public static class ApiServices
{
    public const string Ingest = "ingest";
    public const string Allocation = "allocation";
    public const string Budgeting = "budgeting";
    public const string Anomaly = "anomaly";
    public const string Reporting = "reporting";

    public static readonly IReadOnlyList<string> All = [Ingest, Allocation, Budgeting, Anomaly, Reporting];
}
