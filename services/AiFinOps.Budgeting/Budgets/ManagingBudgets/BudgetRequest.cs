using System.Text.Json;

namespace AiFinOps.Budgeting.Budgets.ManagingBudgets;

/// <summary>
/// Reads a budget from a JSON body field by field, so a wrong type is a problem naming its field rather than a bare
/// 400: <c>{ "id"?, "name", "scope", "period", "amountUsd", "thresholds"?, "owner", "recipients"? }</c>.
/// </summary>
public static class BudgetRequest
{
    public static (string? Id, BudgetDraft Draft, IReadOnlyList<FieldError> Errors) Parse(JsonElement body)
    {
        var errors = new List<FieldError>();
        if (body.ValueKind != JsonValueKind.Object)
            return (null, new BudgetDraft(null, null, null, null, null, null, null), [new("body", "expected a JSON object describing the budget")]);

        string? Text(string name)
        {
            if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.String) return value.GetString();
            errors.Add(new(name, $"expected a string, got {value.ValueKind.ToString().ToLowerInvariant()}"));
            return null;
        }

        decimal? amount = null;
        if (body.TryGetProperty("amountUsd", out var a) && a.ValueKind != JsonValueKind.Null)
        {
            if (a.ValueKind == JsonValueKind.Number && a.TryGetDecimal(out var d)) amount = d;
            else if (a.ValueKind == JsonValueKind.String && decimal.TryParse(a.GetString(), System.Globalization.NumberStyles.Number,
                         System.Globalization.CultureInfo.InvariantCulture, out var s)) amount = s;
            else errors.Add(new("amountUsd", "expected a decimal amount in USD, e.g. 2500 or \"2500.00\""));
        }

        List<int>? thresholds = null;
        if (body.TryGetProperty("thresholds", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind != JsonValueKind.Array) errors.Add(new("thresholds", "expected a list of percentages, e.g. [80, 100]"));
            else
            {
                thresholds = [];
                var i = 0;
                foreach (var item in t.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var percent)) thresholds.Add(percent);
                    else errors.Add(new($"thresholds[{i}]", "expected a whole percentage, e.g. 80"));
                    i++;
                }
            }
        }

        List<string>? recipients = null;
        if (body.TryGetProperty("recipients", out var r) && r.ValueKind != JsonValueKind.Null)
        {
            if (r.ValueKind != JsonValueKind.Array) errors.Add(new("recipients", "expected a list of e-mail addresses and webhook:NAMEs"));
            else
            {
                recipients = [];
                var i = 0;
                foreach (var item in r.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String) recipients.Add(item.GetString()!);
                    else errors.Add(new($"recipients[{i}]", "expected a string: an e-mail address or webhook:NAME"));
                    i++;
                }
            }
        }

        var draft = new BudgetDraft(Text("name"), Text("scope"), Text("period"), amount, thresholds, Text("owner"), recipients);
        return (Text("id"), draft, errors);
    }
}
