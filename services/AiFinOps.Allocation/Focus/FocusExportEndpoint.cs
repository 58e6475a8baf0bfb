using AiFinOps.Allocation.Periods;
using AiFinOps.ServiceDefaults.Security;

namespace AiFinOps.Allocation.Focus;

public static class FocusExportEndpoint
{
    public static void MapFocusExport(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/exports/focus/{period}", Handle)
            .RequireScope(ApiScopes.Read)
            .WithSummary("A billing period's charges as a FOCUS 1.2 dataset, CSV or Parquet")
            .WithDescription("period: yyyy-MM in the organisation's time zone. format: csv (default) or parquet, or Accept: text/csv or " +
                "application/vnd.apache.parquet. One row per charge: UTC day × token SKU (uncached input, cache read, cache write, " +
                "output, reasoning) × team, workflow, environment, provider, model, service tier, cost-centre tag and the configured " +
                "extra tag dimensions — never one row per call. Every FOCUS 1.2 Mandatory column; ServiceCategory 'AI and Machine " +
                "Learning'; ChargeCategory 'Usage'; ChargeClass null or 'Correction' (late usage or re-pricing of a closed period); " +
                "ChargePeriod the UTC day, BillingPeriod the org-zone month, ISO 8601 UTC with exclusive ends; decimal costs never " +
                "rounded to cents that sum exactly to the ledger; ConsumedQuantity in Tokens, PricingQuantity per 1000000 Tokens; " +
                "SubAccount = team; Tags as JSON; custom columns x_Provider, x_Model, x_ServiceTier, x_TokenType, x_Team, x_Workflow, " +
                "x_Environment, x_CostCentreTag and x_<Dimension> per extra dimension. detail: charge (default) or run — run splits " +
                "each charge by the calls' run id (column x_RunId), read from the period's ledger lines instead of the daily rollup, " +
                "so it takes seconds per million calls. Streamed, so a month of any size downloads without being built in memory. " +
                "Scope finance exports the whole organisation; a team-restricted key only its teams' rows.")
            .Produces<string>(200, "text/csv", FocusParquetWriter.ContentType)
            .ProducesValidationProblem()
            .ProducesProblem(403);

    private static IResult Handle(string period, string? format, string? detail, HttpContext http, FocusExport export, ILoggerFactory logs)
    {
        var key = http.ApiKey();
        if (!key.IsTeamRestricted && !key.HasScope(ApiScopes.Finance))
        {
            const string reason = "The organisation's FOCUS export needs a key with the finance scope; a key restricted to teams " +
                "exports its teams' rows.";
            return Results.Problem(statusCode: 403, title: "Forbidden", detail: reason,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["authorization"] = [reason] } });
        }

        var errors = new Dictionary<string, string[]>();
        if (!BillingPeriod.TryParse(period, out var billingPeriod)) errors["period"] = [$"'{period}' is not a billing period; use yyyy-MM, like 2026-01"];
        var (chosen, formatError) = FocusFormat.Choose(format, http.Request.Headers.Accept.ToString());
        if (formatError is not null) errors["format"] = [formatError];
        var (level, detailError) = FocusDetail.Choose(detail);
        if (detailError is not null) errors["detail"] = [detailError];
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The FOCUS export request is invalid");

        var parquet = chosen == FocusFormat.Parquet;
        var logger = logs.CreateLogger(typeof(FocusExportEndpoint));
        return Results.Stream(async body =>
            {
                await using var writer = export.Writer(chosen!, body, level!);
                var rows = await export.WriteAsync(billingPeriod, key.Teams, writer, http.RequestAborted, level!);
                logger.LogInformation("Exported {Rows} FOCUS rows of {Period} as {Format} ({Detail} detail)", rows, billingPeriod, chosen, level);
            },
            parquet ? FocusParquetWriter.ContentType : FocusCsvWriter.ContentType,
            $"aifinops-focus-{billingPeriod}{(level == FocusDetail.Run ? "-runs" : "")}.{(parquet ? "parquet" : "csv")}");
    }
}
