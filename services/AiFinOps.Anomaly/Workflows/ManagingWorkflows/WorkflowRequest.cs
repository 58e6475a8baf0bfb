using System.Globalization;
using System.Text.Json;

namespace AiFinOps.Anomaly.Workflows.ManagingWorkflows;

/// <summary>
/// Reads a workflow from a JSON body field by field, so a wrong type is a problem naming its field rather than a bare
/// 400: <c>{ "name", "ownerTeam", "description"?, "models"?, "valueUnit"?, "estimatedMonthlyCostUsd"?,
/// "expectedTokensPerRun"?, "expectedRunsPerDay"?, "launchDate"? (2026-11-01), "tokenSpikeFactor"?, "outputShiftThreshold"? }</c>.
/// </summary>
public static class WorkflowRequest
{
    public static (string? Name, WorkflowDraft Draft, IReadOnlyList<FieldError> Errors) Parse(JsonElement body)
    {
        var errors = new List<FieldError>();
        if (body.ValueKind != JsonValueKind.Object)
            return (null, new WorkflowDraft(null, null, null, null, null, null, null, null, null, null), [new("body", "expected a JSON object describing the workflow")]);

        bool Has(string name, out JsonElement value) => body.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

        string? Text(string name)
        {
            if (!Has(name, out var value)) return null;
            if (value.ValueKind == JsonValueKind.String) return value.GetString();
            errors.Add(new(name, $"expected a string, got {value.ValueKind.ToString().ToLowerInvariant()}"));
            return null;
        }

        decimal? Number(string name, string example)
        {
            if (!Has(name, out var value)) return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d)) return d;
            if (value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var s)) return s;
            errors.Add(new(name, $"expected a number, e.g. {example}"));
            return null;
        }

        long? Whole(string name, string example)
        {
            if (!Has(name, out var value)) return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)) return n;
            errors.Add(new(name, $"expected a whole number, e.g. {example}"));
            return null;
        }

        List<string>? Models()
        {
            if (!Has("models", out var m)) return null;
            if (m.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new("models", "expected a list of model names, e.g. [\"gpt-4o\"]"));
                return null;
            }
            var models = new List<string>();
            var i = 0;
            foreach (var item in m.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String) models.Add(item.GetString()!);
                else errors.Add(new($"models[{i}]", "expected a model name as a string"));
                i++;
            }
            return models;
        }

        DateOnly? Date(string name)
        {
            if (Text(name) is not { } text) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
            errors.Add(new(name, $"'{text}' is not a date; use 2026-11-01"));
            return null;
        }

        // In the order of the fields, so the problems list them in that order too.
        var name = Text("name");
        var draft = new WorkflowDraft(Text("ownerTeam"), Text("description"), Models(), Text("valueUnit"),
            Number("estimatedMonthlyCostUsd", "1500 or \"1500.00\""), Whole("expectedTokensPerRun", "12000"),
            Number("expectedRunsPerDay", "400"), Date("launchDate"), Number("tokenSpikeFactor", "2"), Number("outputShiftThreshold", "0.5"));
        return (name, draft, errors);
    }
}
