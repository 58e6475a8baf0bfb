using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using AiFinOps.Cli.Common;

namespace AiFinOps.Cli.Workflows;

/// <summary>
/// The options that describe a workflow, shared by <c>register</c> and <c>amend</c>: each given option sets its term;
/// for <c>amend</c>, the terms not given stay as they are.
/// </summary>
public sealed class WorkflowTermOptions
{
    public Option<string?> Team { get; } = new("--team") { Description = "The team that owns the workflow and receives its alerts" };
    public Option<string?> Description { get; } = new("--description") { Description = "What the workflow does" };
    public Option<string[]> Models { get; } = CommonOptions.List("--models", "Comma-separated models it calls, e.g. gpt-4o-mini,claude-sonnet-4-5");
    public Option<string?> ValueUnit { get; } = new("--value-unit") { Description = "The unit of value it delivers, e.g. ticket_triaged" };
    public Option<decimal?> EstimatedMonthlyCost { get; } = Positive<decimal>("--estimated-monthly-cost", "Estimated monthly cost in USD, e.g. 1500");
    public Option<long?> ExpectedTokensPerRun { get; } = Positive<long>("--expected-tokens-per-run", "Tokens a run should use (default: learned from its runs)");
    public Option<decimal?> ExpectedRunsPerDay { get; } = Positive<decimal>("--expected-runs-per-day", "Runs a day it should make");
    public Option<string?> LaunchDate { get; } = new("--launch-date") { Description = "Launch day, e.g. 2026-11-01", Validators = { DateValidator } };
    public Option<decimal?> TokenSpikeFactor { get; } = Positive<decimal>("--token-spike-factor", "Alert when a run passes this many times the expected tokens (default 2)");
    public Option<decimal?> OutputShiftThreshold { get; } = Positive<decimal>("--output-shift-threshold", "Alert when output per call rises by this share (default 0.5 = 50 %)");

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[]
                 {
                     Team, Description, Models, ValueUnit, EstimatedMonthlyCost, ExpectedTokensPerRun, ExpectedRunsPerDay, LaunchDate,
                     TokenSpikeFactor, OutputShiftThreshold,
                 })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The body the options describe, over <paramref name="current"/> (the workflow as the API returned it) when amending.</summary>
    public WorkflowBody Body(ParseResult parse, string name, JsonElement? current = null)
    {
        string? Text(string property) => current is { } c && c.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        decimal? Number(string property) => current is { } c && c.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;
        string[]? List(string property) => current is { } c && c.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(e => e.GetString() ?? "").ToArray()
            : null;

        var models = parse.GetValue(Models) is { Length: > 0 } given ? given : List("models");
        return new WorkflowBody(
            name,
            parse.GetValue(Team) ?? Text("ownerTeam") ?? "",
            parse.GetValue(Description) ?? Text("description"),
            models,
            parse.GetValue(ValueUnit) ?? Text("valueUnit"),
            parse.GetValue(EstimatedMonthlyCost) ?? Number("estimatedMonthlyCostUsd"),
            parse.GetValue(ExpectedTokensPerRun) ?? (long?)Number("expectedTokensPerRun"),
            parse.GetValue(ExpectedRunsPerDay) ?? Number("expectedRunsPerDay"),
            parse.GetValue(LaunchDate) ?? Text("launchDate"),
            parse.GetValue(TokenSpikeFactor) ?? Number("tokenSpikeFactor"),
            parse.GetValue(OutputShiftThreshold) ?? Number("outputShiftThreshold"));
    }

    private static Option<T?> Positive<T>(string name, string description) where T : struct, INumber<T> => new(name)
    {
        Description = description,
        Validators =
        {
            result =>
            {
                // A token that is no number is the parser's error already; only a number can be out of range.
                if (result.Tokens is [var token] && T.TryParse(token.Value, CultureInfo.InvariantCulture, out var value) && value <= T.Zero)
                    result.AddError($"{name} must be more than 0.");
            },
        },
    };

    private static void DateValidator(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { } text
            && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            result.AddError($"'{text}' is not a date; use 2026-11-01.");
        }
    }
}
