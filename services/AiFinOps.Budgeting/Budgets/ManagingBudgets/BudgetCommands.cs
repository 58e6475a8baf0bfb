using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Spend;
using Marten;
using Npgsql;

namespace AiFinOps.Budgeting.Budgets.ManagingBudgets;

/// <summary>
/// Runs budget commands: the decision is <see cref="Budget"/>'s, the transaction is here. Defining takes the accrual
/// lock alone (the new budget starts from the spend already accrued in its scope, and every later consumer adds to it);
/// amending locks the current period's spend row first, so its re-evaluation and any consumer's never interleave.
/// Every command that changes what a budget counts re-evaluates its alerts (thresholds and forecast) at once.
/// </summary>
public sealed class BudgetCommands(NpgsqlDataSource database, IDocumentStore store, AlertSignal signal, BudgetingSettings settings)
{
    private string Schema => store.Options.DatabaseSchemaName;

    /// <summary>Defines all the budgets or none: one transaction.</summary>
    public async Task<IReadOnlyList<(DefineBudget Command, BudgetDecision Decision)>> DefineAsync(
        IReadOnlyList<DefineBudget> commands, bool partial, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AccrualLock.TakeAloneAsync(connection, transaction, cancellationToken);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));

        var ids = commands.Select(c => c.BudgetId).Distinct().ToArray();
        var existing = (await session.LoadManyAsync<Budget>(cancellationToken, ids)).ToDictionary(b => b.Id);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var decisions = commands.Select(c =>
        {
            var decision = Budget.Decide(existing.GetValueOrDefault(c.BudgetId), c);
            if (decision.Accepted && !seen.Add(c.BudgetId)) decision = BudgetDecision.Refuse("id", $"budget '{c.BudgetId}' is defined twice");
            return (c, decision);
        }).ToList();
        if (!partial && decisions.Any(d => !d.decision.Accepted)) return decisions;

        var alerts = default(RaisedAlerts);
        foreach (var (command, decision) in decisions.Where(d => d.decision.Accepted))
        {
            var defined = (BudgetDefined)decision.Events[0];
            session.Events.StartStream<Budget>(Budget.StreamKey(command.BudgetId), defined);
            alerts += await StartAsync(connection, transaction, session, Budget.Create(defined), command.Now, cancellationToken);
        }
        await session.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (alerts.Total > 0) signal.Raise();
        return decisions;
    }

    /// <summary>
    /// Amends and re-evaluates the current period at once: a lower amount or a new threshold alerts now. Like defining, it
    /// takes the accrual lock alone: no consumer is then between reading the budgets (its scope index, its alert
    /// pre-check) and committing, so every batch accrued after the amendment is judged by the amended terms.
    /// </summary>
    public async Task<(BudgetDecision Decision, Budget? Budget)> AmendAsync(string budgetId, AmendBudget command, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AccrualLock.TakeAloneAsync(connection, transaction, cancellationToken);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        var current = await session.LoadAsync<Budget>(budgetId, cancellationToken);
        if (current is null) return (BudgetDecision.Refuse("id", "no such budget"), null);

        var period = BudgetPeriods.KeyOf(current.Terms.Period, command.Now);
        var spent = await SpendStore.LockAsync(connection, transaction, Schema, budgetId, period, command.Now, cancellationToken);

        var stream = await session.Events.FetchForWriting<Budget>(Budget.StreamKey(budgetId), cancellationToken);
        var decision = Budget.Decide(stream.Aggregate!, command);
        if (!decision.Accepted) return (decision, stream.Aggregate);
        stream.AppendMany(decision.Events);
        var amended = decision.Events.OfType<BudgetAmended>().Aggregate(stream.Aggregate!, (b, e) => b.Apply(e));
        var alerts = await BudgetPeriodAlerting.RaiseAsync(session, transaction, amended, period, spent, command.Now,
            BudgetPeriodAlerts.CauseAmendment, settings.Forecast, cancellationToken);
        await session.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (alerts.Total > 0) signal.Raise();
        return (decision, amended);
    }

    public async Task<BudgetDecision> ArchiveAsync(string budgetId, ArchiveBudget command, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Budget>(Budget.StreamKey(budgetId), cancellationToken);
        if (stream.Aggregate is null) return BudgetDecision.Refuse("id", "no such budget");
        var decision = Budget.Decide(stream.Aggregate, command);
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(cancellationToken);
        return decision;
    }

    /// <summary>
    /// Reinstates an archived budget (today: the org-wide monthly alert turned back on). Like defining, it takes the
    /// accrual lock alone and starts the current period from the usage accrued in its scope.
    /// </summary>
    public async Task<BudgetDecision> ReinstateAsync(string budgetId, ReinstateBudget command, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AccrualLock.TakeAloneAsync(connection, transaction, cancellationToken);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        var stream = await session.Events.FetchForWriting<Budget>(Budget.StreamKey(budgetId), cancellationToken);
        if (stream.Aggregate is null) return BudgetDecision.Refuse("id", "no such budget");
        var decision = Budget.Decide(stream.Aggregate, command);
        if (!decision.Accepted) return decision;
        stream.AppendMany(decision.Events);
        var reinstated = decision.Events.OfType<BudgetReinstated>().Aggregate(stream.Aggregate, (b, e) => b.Apply(e));
        var alerts = await StartAsync(connection, transaction, session, reinstated, command.Now, cancellationToken);
        await session.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (alerts.Total > 0) signal.Raise();
        return decision;
    }

    /// <summary>A budget's first period from the usage already accrued in its scope, and the alerts that spend raises.</summary>
    private async Task<RaisedAlerts> StartAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IDocumentSession session,
        Budget budget, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var spent = await SpendStore.StartAsync(connection, transaction, Schema, budget, now, cancellationToken);
        await SpendContributors.StartAsync(connection, transaction, Schema, budget, cancellationToken);
        return await BudgetPeriodAlerting.RaiseAsync(session, transaction, budget, budget.FirstPeriod, spent, now,
            BudgetPeriodAlerts.CauseDefinition, settings.Forecast, cancellationToken);
    }
}
