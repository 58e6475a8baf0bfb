using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;

namespace AiFinOps.Budgeting.Budgets;

/// <summary>
/// A budget as a caller wrote it (a JSON body or a CSV row), every field unchecked. <see cref="Validate"/> turns it into
/// <see cref="BudgetTerms"/> or reports every problem at once, each with its field.
/// </summary>
public sealed record BudgetDraft(
    string? Name,
    string? Scope,
    string? Period,
    decimal? AmountUsd,
    IReadOnlyList<int>? Thresholds,
    string? Owner,
    IReadOnlyList<string>? Recipients)
{
    public const int MaxThresholds = 10;
    public const int MaxRecipients = 50;
    private static readonly Regex WebhookName = new("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant);
    private static readonly Regex BudgetIdPattern = new("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant);

    public (BudgetTerms? Terms, IReadOnlyList<FieldError> Errors) Validate()
    {
        var errors = new List<FieldError>();
        var name = Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new("name", "a budget needs a name"));
        else if (name.Length > 200) errors.Add(new("name", "a name is at most 200 characters"));

        var scope = BudgetScope.Parse(Scope, out var scopeReason);
        if (scope is null) errors.Add(new("scope", scopeReason!));

        var period = Period?.Trim().ToLowerInvariant() ?? "";
        if (!BudgetPeriods.Kinds.Contains(period))
            errors.Add(new("period", $"'{Period}' is not a budget period; use monthly or quarterly"));

        if (AmountUsd is not { } amount) errors.Add(new("amountUsd", "a budget needs an amount in USD"));
        else if (amount <= 0) errors.Add(new("amountUsd", $"{amount.ToString(CultureInfo.InvariantCulture)} is not a budget; the amount must be more than 0 USD"));
        else if (amount > 1_000_000_000_000m) errors.Add(new("amountUsd", "the amount is more than 1,000,000,000,000 USD"));

        var thresholds = Thresholds ?? BudgetTerms.DefaultThresholds;
        errors.AddRange(ThresholdErrors(thresholds));

        var owner = Owner?.Trim() ?? "";
        if (owner.Length == 0) errors.Add(new("owner", "a budget needs an owner (a person or team who answers for it)"));
        else if (owner.Length > 200) errors.Add(new("owner", "an owner is at most 200 characters"));

        var recipients = (Recipients ?? []).Select(r => r?.Trim() ?? "").ToList();
        if (recipients.Count > MaxRecipients) errors.Add(new("recipients", $"at most {MaxRecipients} recipients"));
        for (var i = 0; i < recipients.Count; i++)
        {
            if (RecipientError(recipients[i]) is { } reason) errors.Add(new($"recipients[{i}]", reason));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new BudgetTerms(name, scope!, period, AmountUsd!.Value, thresholds.ToList(), owner,
                recipients.Distinct(StringComparer.OrdinalIgnoreCase).ToList()), errors);
    }

    /// <summary>The words after <c>/api/v1/budgets/</c> that name other resources, never a budget.</summary>
    public static readonly IReadOnlyList<string> ReservedIds = ["accrued", "alerts", "imports"];

    public static bool IsBudgetId(string? id) => id is not null && BudgetIdPattern.IsMatch(id) && !ReservedIds.Contains(id);

    private static IEnumerable<FieldError> ThresholdErrors(IReadOnlyList<int> thresholds)
    {
        if (thresholds.Count == 0) yield return new("thresholds", "at least one threshold (percent of the budget), e.g. [80, 100]");
        if (thresholds.Count > MaxThresholds) yield return new("thresholds", $"at most {MaxThresholds} thresholds");
        for (var i = 0; i < thresholds.Count; i++)
        {
            if (thresholds[i] is < 1 or > 1000)
                yield return new($"thresholds[{i}]", $"{thresholds[i]} % is not a threshold; use 1 to 1000 percent of the budget");
            else if (i > 0 && thresholds[i] <= thresholds[i - 1])
                yield return new($"thresholds[{i}]", $"thresholds must rise: {thresholds[i]} % comes after {thresholds[i - 1]} %");
        }
    }

    private static string? RecipientError(string recipient)
    {
        if (recipient.StartsWith("webhook:", StringComparison.Ordinal))
        {
            return WebhookName.IsMatch(recipient["webhook:".Length..])
                ? null
                : $"'{recipient}' is not a webhook name; write webhook:NAME with lower-case letters, digits, '.', '_' or '-'";
        }
        return MailAddress.TryCreate(recipient, out var address) && address.Address == recipient && address.Host.Contains('.')
            ? null
            : $"'{recipient}' is neither an e-mail address nor a webhook (webhook:NAME)";
    }
}
