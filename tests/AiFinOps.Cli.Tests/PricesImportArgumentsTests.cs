using System.Text.Json;
using AiFinOps.Cli.Prices;

namespace AiFinOps.Cli.Tests;

public sealed class PricesImportArgumentsTests
{
    [Fact]
    public void A_preview_is_the_default_and_apply_and_the_date_go_into_the_query()
    {
        var preview = Cli.Parse("prices import litellm prices.json");
        Assert.Equal("/api/v1/prices/imports/litellm?apply=false", Cli.Command<ImportLiteLlmCommand>(preview).ImportPath(preview));

        var apply = Cli.Parse("prices import litellm prices.json --effective-from 2025-11-01 --apply --note commit-abc");
        Assert.Equal("/api/v1/prices/imports/litellm?effectiveFrom=2025-11-01&apply=true&note=commit-abc",
            Cli.Command<ImportLiteLlmCommand>(apply).ImportPath(apply));
    }

    [Theory]
    [InlineData("prices import litellm", "Required argument missing")]
    [InlineData("prices import litellm f.json --effective-from 1/11/2025", "not a date like 2025-11-01")]
    public void Bad_import_arguments_are_refused_with_a_reason(string commandLine, string reason) =>
        Assert.Contains(reason, Cli.Errors(commandLine));

    [Fact]
    public void The_plan_prints_as_a_table_without_failing_on_missing_current_prices()
    {
        var plan = JsonSerializer.Deserialize<JsonElement>("""
        {
          "effectiveFrom": "2025-11-01", "applied": false,
          "counts": { "new": 1, "unchanged": 1, "changed": 0, "conflict": 1, "skipped": 1 },
          "lines": [
            { "provider": "openai", "model": "gpt-4o", "outcome": "new", "current": null,
              "imported": { "standard": { "rates": { "input": 2.5, "output": 10 } } }, "note": null },
            { "provider": "openai", "model": "gpt-4.1", "outcome": "unchanged",
              "imported": { "standard": { "rates": { "input": 2, "output": 8 } } } },
            { "provider": "google", "model": "gemini-2.5-pro", "outcome": "conflict",
              "current": { "standard": { "rates": { "input": 1, "output": 9 } } },
              "imported": { "standard": { "rates": { "input": 1.25, "output": 10 } } }, "note": "correct it" }
          ],
          "skipped": [ { "key": "sample_spec", "reason": "the format's sample entry" } ]
        }
        """);
        ImportLiteLlmCommand.Print(plan);
    }
}
