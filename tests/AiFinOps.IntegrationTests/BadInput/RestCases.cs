using System.Net;
using static AiFinOps.IntegrationTests.BadInput.Body;

namespace AiFinOps.IntegrationTests.BadInput;

/// <summary>The REST half of the matrix (docs/bad-input.md lists it as a table).</summary>
public static class RestCases
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private const HttpStatusCode Bad = HttpStatusCode.BadRequest;
    private const HttpStatusCode Forbidden = HttpStatusCode.Forbidden;
    private const HttpStatusCode Unauthorized = HttpStatusCode.Unauthorized;

    private static string Budget(string name, string scope = "team:bad-input-ours", string period = "monthly", string amount = "100") =>
        $$"""{"name": "{{name}}", "scope": "{{scope}}", "period": "{{period}}", "amountUsd": {{amount}}, "owner": "lead@example.com"}""";

    private static string Price(string model, string effectiveFrom = "2026-01-01", string input = "1.5") =>
        $$"""{"provider": "badinput", "model": "{{model}}", "effectiveFrom": "{{effectiveFrom}}", "source": "https://example.com/pricing", "checkedOn": "2026-01-01", "tiers": {"standard": {"rates": {"input": {{input}}, "output": 2""" + "}}}}";

    public static readonly IReadOnlyList<RestCase> All =
    [
        // Missing auth, wrong scope.
        new("spend: no API key", Service.Allocation, Get, "/api/v1/spend", Caller.Nobody, null, Unauthorized, "authorization", "is missing"),
        new("spend: unknown API key", Service.Allocation, Get, "/api/v1/spend", Caller.UnknownKey, null, Unauthorized, "authorization", "unknown or revoked"),
        new("spend: key without the read scope", Service.Allocation, Get, "/api/v1/spend", Caller.IngestOnly, null, Forbidden, "authorization", "lacks the 'read' scope"),
        new("budgets: define with a read-only key", Service.Budgeting, Post, "/api/v1/budgets", Caller.ReadOnly, Json(Budget("bi-readonly")), Forbidden, "authorization", "lacks the 'finance' scope", "/api/v1/budgets", "bi-readonly"),
        new("keys: issue with a read-only key", Service.Ingest, Post, "/api/v1/keys", Caller.ReadOnly, Json("""{"name": "bi-escalate", "scopes": ["admin"]}"""), Forbidden, "authorization", "lacks the 'admin' scope", "/api/v1/keys", "bi-escalate"),
        new("subscriptions: define with a finance key", Service.Notifications, Post, "/api/v1/subscriptions", Caller.Finance, Json("""{"name": "bi-finance", "kind": "webhook", "url": "https://example.com/hook"}"""), Forbidden, "authorization", "lacks the 'admin' scope", "/api/v1/subscriptions", "bi-finance"),
        new("FOCUS export: organisation-wide with a read key", Service.Allocation, Get, "/api/v1/exports/focus/2026-01", Caller.ReadOnly, null, Forbidden, "authorization", "finance scope"),
        // Forged team scope.
        new("budgets: team key defines a budget for another team", Service.Budgeting, Post, "/api/v1/budgets", Caller.OursFinance, Json(Budget("bi-forged", scope: "team:bad-input-theirs")), Forbidden, "scope", "outside this key's teams", "/api/v1/budgets", "bi-forged"),
        // Unknown period formats and time ranges.
        new("chargeback: month 13", Service.Allocation, Get, "/api/v1/chargeback/2026-13", Caller.Admin, null, Bad, "period", "is not a billing period"),
        new("chargeback: ISO week instead of a month", Service.Allocation, Get, "/api/v1/chargeback/2026-W05", Caller.Admin, null, Bad, "period", "is not a billing period"),
        new("chargeback: year 9999", Service.Allocation, Get, "/api/v1/chargeback/9999-12", Caller.Admin, null, Bad, "period", "is not a billing period"),
        new("FOCUS export: two-digit year", Service.Allocation, Get, "/api/v1/exports/focus/26-1", Caller.Admin, null, Bad, "period", "is not a billing period"),
        new("accrued spend: month with a slash", Service.Budgeting, Get, "/api/v1/budgets/accrued?period=2026/11", Caller.Admin, null, Bad, "period", "is not a calendar month"),
        new("accrued spend: December 9999 (was a 500)", Service.Budgeting, Get, "/api/v1/budgets/accrued?period=9999-12", Caller.Admin, null, Bad, "period", "from 2000-01 to 2999-12"),
        new("spend: from=yesterday", Service.Allocation, Get, "/api/v1/spend?from=yesterday", Caller.Admin, null, Bad, "from", "is neither an ISO 8601 date"),
        new("spend: instant without offset", Service.Allocation, Get, "/api/v1/spend?from=1969-12-31T23:59:59", Caller.Admin, null, Bad, "from", "UTC instant with offset"),
        new("outcomes: to before from", Service.Reporting, Get, "/api/v1/reports/outcomes?from=2026-12-01&to=2026-11-01", Caller.Admin, null, Bad, "to", "must be after 'from'"),
        new("outcomes: to=31 November", Service.Reporting, Get, "/api/v1/reports/outcomes?to=2026-11-31", Caller.Admin, null, Bad, "to", "is neither an ISO 8601 date"),
        new("prices: at=month 13", Service.Ingest, Get, "/api/v1/prices/openai/gpt-4o?at=2025-13-01", Caller.Admin, null, Bad, "at", "is not a date"),
        new("quote: occurred in year 9999", Service.Ingest, Post, "/api/v1/prices/quote", Caller.Admin, Json("""{"provider": "openai", "model": "gpt-4o", "inputTokens": 5, "occurredAt": "9999-12-31T23:59:59Z"}"""), Bad, "occurredAt", "is in the future"),
        // Unknown enum values.
        new("spend: groupBy an unknown dimension", Service.Allocation, Get, "/api/v1/spend?groupBy=team,region", Caller.Admin, null, Bad, "groupBy", "'region' is not a dimension"),
        new("spend: unknown granularity", Service.Allocation, Get, "/api/v1/spend?granularity=fortnight", Caller.Admin, null, Bad, "granularity", "is not a granularity"),
        new("spend: unknown filter parameter", Service.Allocation, Get, "/api/v1/spend?team_id=1", Caller.Admin, null, Bad, "team_id", "is neither a parameter"),
        new("chargeback: unknown format", Service.Allocation, Get, "/api/v1/chargeback/2026-01?format=xlsx", Caller.Admin, null, Bad, "format", "use json or csv"),
        new("FOCUS export: unknown format", Service.Allocation, Get, "/api/v1/exports/focus/2026-01?format=xml", Caller.Admin, null, Bad, "format", "xml"),
        new("budgets: weekly period", Service.Budgeting, Post, "/api/v1/budgets", Caller.Admin, Json(Budget("bi-weekly", period: "weekly")), Bad, "period", "is not a budget period", "/api/v1/budgets", "bi-weekly"),
        new("subscriptions: unknown kind", Service.Notifications, Post, "/api/v1/subscriptions", Caller.Admin, Json("""{"name": "bi-pigeon", "kind": "pigeon"}"""), Bad, "kind", "is not a subscription kind", "/api/v1/subscriptions", "bi-pigeon"),
        new("subscriptions: unknown severity", Service.Notifications, Post, "/api/v1/subscriptions", Caller.Admin, Json("""{"name": "bi-severity", "kind": "webhook", "url": "https://example.com/h", "filter": {"minSeverity": "apocalyptic"}}"""), Bad, "filter.minSeverity", "is not a severity", "/api/v1/subscriptions", "bi-severity"),
        new("keys: unknown scope", Service.Ingest, Post, "/api/v1/keys", Caller.Admin, Json("""{"name": "bi-superuser", "scopes": ["superuser"]}"""), Bad, "scopes", "'superuser' is not a scope", "/api/v1/keys", "bi-superuser"),
        // Wrong types.
        new("budgets: amountUsd is text", Service.Budgeting, Post, "/api/v1/budgets", Caller.Admin, Json(Budget("bi-lots", amount: "\"lots\"")), Bad, "amountUsd", "expected a decimal amount", "/api/v1/budgets", "bi-lots"),
        new("budgets: includeArchived=maybe (was a bare 400)", Service.Budgeting, Get, "/api/v1/budgets?includeArchived=maybe", Caller.Admin, null, Bad, "includeArchived", "'maybe' is not a valid bool"),
        new("keys: name is a number (was a bare 400)", Service.Ingest, Post, "/api/v1/keys", Caller.Admin, Json("""{"name": 42, "scopes": ["read"]}"""), Bad, "name", "is not valid here"),
        new("prices: effectiveFrom=yesterday (was a bare 400)", Service.Ingest, Post, "/api/v1/prices", Caller.Admin, Json(Price("bi-yesterday", effectiveFrom: "yesterday")), Bad, "effectiveFrom", "DateOnly", "/api/v1/prices?provider=badinput", "bi-yesterday"),
        new("quote: inputTokens is text (was a bare 400)", Service.Ingest, Post, "/api/v1/prices/quote", Caller.Admin, Json("""{"provider": "openai", "model": "gpt-4o", "inputTokens": "many"}"""), Bad, "inputTokens", "is not valid here"),
        new("workflows: expectedTokensPerRun 1e30", Service.Anomaly, Post, "/api/v1/workflows", Caller.Admin, Json("""{"name": "bi-tokens", "ownerTeam": "bad-input-ours", "expectedTokensPerRun": 1e30}"""), Bad, "expectedTokensPerRun", "expected a whole number", "/api/v1/workflows", "bi-tokens"),
        new("workflows: launchDate next week", Service.Anomaly, Post, "/api/v1/workflows", Caller.Admin, Json("""{"name": "bi-launch", "ownerTeam": "bad-input-ours", "launchDate": "next week"}"""), Bad, "launchDate", "is not a date", "/api/v1/workflows", "bi-launch"),
        // Negative and overflowing numbers.
        new("quote: 20-digit inputTokens (was a bare 400)", Service.Ingest, Post, "/api/v1/prices/quote", Caller.Admin, Json("""{"provider": "openai", "model": "gpt-4o", "inputTokens": 99999999999999999999}"""), Bad, "inputTokens", "out of bounds for an Int64"),
        new("quote: inputTokens = long.MaxValue (was priced at $115 trillion)", Service.Ingest, Post, "/api/v1/prices/quote", Caller.Admin, Json("""{"provider": "openai", "model": "gpt-4o", "inputTokens": 9223372036854775807}"""), Bad, "inputTokens", "is more than the 1,000,000,000"),
        new("quote: negative outputTokens", Service.Ingest, Post, "/api/v1/prices/quote", Caller.Admin, Json("""{"provider": "openai", "model": "gpt-4o", "outputTokens": -5}"""), Bad, "outputTokens", "must not be negative"),
        new("prices: negative input price", Service.Ingest, Post, "/api/v1/prices", Caller.Admin, Json(Price("bi-negative", input: "-1")), Bad, "tiers", "must not be negative", "/api/v1/prices?provider=badinput", "bi-negative"),
        new("budgets: amountUsd 1e15", Service.Budgeting, Post, "/api/v1/budgets", Caller.Admin, Json(Budget("bi-huge-amount", amount: "1e15")), Bad, "amountUsd", "more than 1,000,000,000,000 USD", "/api/v1/budgets", "bi-huge-amount"),
        // Empty bodies, invalid UTF-8, oversized strings, hostile text.
        new("budgets: empty body (was a bare 400)", Service.Budgeting, Post, "/api/v1/budgets", Caller.Admin, Empty, Bad, "body", "is required"),
        new("keys: empty body (was a bare 400)", Service.Ingest, Post, "/api/v1/keys", Caller.Admin, Empty, Bad, "body", "is required"),
        new("keys: truncated JSON (was a bare 400)", Service.Ingest, Post, "/api/v1/keys", Caller.Admin, Json("""{"name": "bi-truncated", "scopes": ["""), Bad, "scopes[0]", "is not valid here", "/api/v1/keys", "bi-truncated"),
        new("keys: invalid UTF-8 in name (was a bare 400)", Service.Ingest, Post, "/api/v1/keys", Caller.Admin, JsonWithInvalidUtf8("{\"name\": \"bi-utf8", "\", \"scopes\": [\"read\"]}"), Bad, "name", "is not valid UTF-8", "/api/v1/keys", "bi-utf8"),
        new("budgets: invalid UTF-8 in name (was a 500)", Service.Budgeting, Post, "/api/v1/budgets", Caller.Admin, JsonWithInvalidUtf8("{\"name\": \"bi-utf8", "\", \"scope\": \"org\", \"period\": \"monthly\", \"amountUsd\": 5, \"owner\": \"lead@example.com\"}"), Bad, "body", "is not valid UTF-8", "/api/v1/budgets", "bi-utf8"),
        new("subscriptions: invalid UTF-8 in name (was a 500)", Service.Notifications, Post, "/api/v1/subscriptions", Caller.Admin, JsonWithInvalidUtf8("{\"name\": \"bi-utf8", "\", \"kind\": \"webhook\", \"url\": \"https://example.com/h\"}"), Bad, "body", "is not valid UTF-8", "/api/v1/subscriptions", "bi-utf8"),
        new("workflows: 100,000-character description (was stored)", Service.Anomaly, Post, "/api/v1/workflows", Caller.Admin, Json($$"""{"name": "bi-novel", "ownerTeam": "bad-input-ours", "description": "{{new string('d', 100_000)}}"}"""), Bad, "description", "at most 4000", "/api/v1/workflows", "bi-novel"),
        new("workflows: 10,000-character owner team (was stored)", Service.Anomaly, Post, "/api/v1/workflows", Caller.Admin, Json($$"""{"name": "bi-owner", "ownerTeam": "{{new string('t', 10_000)}}"}"""), Bad, "ownerTeam", "at most 256", "/api/v1/workflows", "bi-owner"),
        new("workflows: path traversal as a name", Service.Anomaly, Post, "/api/v1/workflows", Caller.Admin, Json("""{"name": "../../etc/passwd", "ownerTeam": "bad-input-ours"}"""), Bad, "name", "no spaces, control characters, '/'", "/api/v1/workflows", "passwd"),
        new("subscriptions: javascript: URL", Service.Notifications, Post, "/api/v1/subscriptions", Caller.Admin, Json("""{"name": "bi-js", "kind": "webhook", "url": "javascript:alert(document.cookie)"}"""), Bad, "url", "expected an absolute http:// or https:// URL", "/api/v1/subscriptions", "bi-js"),
    ];

    public static IReadOnlyDictionary<string, RestCase> ByName { get; } = All.ToDictionary(c => c.Name);
}
