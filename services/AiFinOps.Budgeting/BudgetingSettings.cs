using System.Globalization;
using AiFinOps.Budgeting.Alerts.Forecasting;

namespace AiFinOps.Budgeting;

/// <summary>
/// Budgeting's configuration (section <c>Budgeting</c>): <c>OrgMonthlyAlertUsd</c> (default 500; 0 or empty turns the
/// org-wide alert off), <c>DashboardUrl</c> (default <c>http://localhost:8080</c>, the base of alert links),
/// <c>ForecastMinimumElapsedPercent</c> and <c>ForecastRealertPercent</c> (default 10 each, see <see cref="ForecastPolicy"/>).
/// A value that does not parse stops the service at startup with the key named.
/// </summary>
public sealed record BudgetingSettings(decimal? OrgMonthlyAlertUsd, string DashboardUrl, ForecastPolicy Forecast)
{
    public const decimal DefaultOrgMonthlyAlertUsd = 500m;
    public const string DefaultDashboardUrl = "http://localhost:8080";

    public static BudgetingSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(BudgetingModule.SectionName);
        var org = section["OrgMonthlyAlertUsd"] switch
        {
            null => DefaultOrgMonthlyAlertUsd,
            var text when string.IsNullOrWhiteSpace(text) => 0m,
            var text => Number(text, "OrgMonthlyAlertUsd", min: 0m),
        };
        var dashboard = section["DashboardUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : DefaultDashboardUrl;
        if (!Uri.TryCreate(dashboard, UriKind.Absolute, out _))
            throw new InvalidOperationException($"Budgeting:DashboardUrl '{dashboard}' is not an absolute URL, e.g. {DefaultDashboardUrl}");
        var forecast = new ForecastPolicy(
            section["ForecastMinimumElapsedPercent"] is { Length: > 0 } e ? Number(e, "ForecastMinimumElapsedPercent", min: 0m, max: 100m) : ForecastPolicy.Default.MinimumElapsedPercent,
            section["ForecastRealertPercent"] is { Length: > 0 } r ? Number(r, "ForecastRealertPercent", min: 0m) : ForecastPolicy.Default.RealertStepPercent);
        return new BudgetingSettings(org == 0m ? null : org, dashboard, forecast);
    }

    private static decimal Number(string text, string key, decimal min, decimal max = decimal.MaxValue) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException(
                $"Budgeting:{key} '{text}' is not a number from {min.ToString(CultureInfo.InvariantCulture)}"
                + (max == decimal.MaxValue ? " up" : $" to {max.ToString(CultureInfo.InvariantCulture)}"));
}
