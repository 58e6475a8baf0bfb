using AiFinOps.Budgeting.Budgets.ManagingBudgets;
using Marten;

namespace AiFinOps.Budgeting.Budgets.OrgMonthlySpend;

/// <summary>
/// Brings the org-wide monthly alert in line with <c>Budgeting:OrgMonthlyAlertUsd</c> when the service starts: defined
/// if missing, amended when the amount changed, archived when turned off, reinstated when turned back on. Replicas that
/// start together race safely: defining takes the accrual lock alone and refuses an existing id, amending holds the
/// period row and appends at the stream's expected version; the loser of a race plans again and finds nothing to do.
/// </summary>
public sealed class OrgMonthlySpendSetup(IDocumentStore store, BudgetCommands commands, BudgetingSettings settings, TimeProvider clock,
    ILogger<OrgMonthlySpendSetup> logger) : IHostedService
{
    private const int Attempts = 5;

    public Task StartAsync(CancellationToken cancellationToken) => EnsureAsync(settings.OrgMonthlyAlertUsd, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Applies what <see cref="OrgMonthlySpendBudget.Plan"/> asks until it asks nothing.</summary>
    public async Task EnsureAsync(decimal? amountUsd, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                if (!await StepAsync(amountUsd, cancellationToken)) return;
            }
            catch (Exception ex) when (attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                // Another replica changed the stream first (Marten's expected-version check): plan again from what it wrote.
                logger.LogInformation("The org-wide monthly alert changed under us ({Reason}); planning again", ex.Message);
            }
        }
        throw new InvalidOperationException($"The org-wide monthly alert is still not as configured after {Attempts} attempts");
    }

    /// <summary>One planned command, applied; false when there was nothing to do.</summary>
    private async Task<bool> StepAsync(decimal? amountUsd, CancellationToken cancellationToken)
    {
        Budget? current;
        await using (var query = store.QuerySession())
        {
            current = await query.LoadAsync<Budget>(OrgMonthlySpendBudget.Id, cancellationToken);
        }
        var id = OrgMonthlySpendBudget.Id;
        var decision = OrgMonthlySpendBudget.Plan(current, amountUsd, clock.GetUtcNow()) switch
        {
            null => null,
            DefineBudget define => (await commands.DefineAsync([define], partial: false, cancellationToken))[0].Decision,
            AmendBudget amend => (await commands.AmendAsync(id, amend, cancellationToken)).Decision,
            ArchiveBudget archive => await commands.ArchiveAsync(id, archive, cancellationToken),
            ReinstateBudget reinstate => await commands.ReinstateAsync(id, reinstate, cancellationToken),
            var other => throw new InvalidOperationException($"Unexpected plan {other}"),
        };
        if (decision is null) return false;
        if (decision.Accepted && decision.Events.Count > 0)
        {
            logger.LogInformation("Org-wide monthly alert ({Amount}): {Events}",
                amountUsd is { } usd ? $"{usd.ToString(System.Globalization.CultureInfo.InvariantCulture)} USD" : "off",
                string.Join(", ", decision.Events.Select(e => e.GetType().Name)));
        }
        // Accepted, or refused because another replica got there first: plan again, which finds nothing left to do.
        else if (!decision.Conflict) throw new InvalidOperationException($"The org-wide monthly alert cannot be set: {string.Join("; ", decision.Errors)}");
        return true;
    }
}
