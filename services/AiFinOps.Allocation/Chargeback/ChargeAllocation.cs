using AiFinOps.Allocation.CostCentres;
using AiFinOps.Allocation.SharedCosts;

namespace AiFinOps.Allocation.Chargeback;

/// <summary>
/// Pure: a billing period's daily spend charged to cost centres and teams. Spend a sharing rule covers that day is
/// summed per day and dimensions and split among the consumers (exactly, see <see cref="CostSplit"/>), each share
/// charged to the consumer team's cost centre; all other spend goes to the cost centre <see cref="CostCentreResolution"/>
/// finds. Nothing is dropped or made: the charges sum to the spend, figure by figure.
/// </summary>
public static class ChargeAllocation
{
    private readonly record struct Key(string CostCentre, string Team, string Workflow, string Environment, string Provider,
        string Model, string ChargeClass, string? SharedFrom);

    public static IReadOnlyList<Charge> Allocate(IReadOnlyList<DailySpend> spend, CostCentreResolution costCentres, SharedCostBook sharing)
    {
        var rules = spend.Select(s => sharing.For(s.Workflow, s.Team, s.Day)).ToArray();
        var ownSpend = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var i = 0; i < spend.Count; i++)
        {
            if (rules[i] is null) ownSpend[spend[i].Team] = ownSpend.GetValueOrDefault(spend[i].Team) + spend[i].Amounts.EffectiveCostUsd;
        }

        var charges = new Dictionary<Key, ChargeAmounts>();
        void Charge(Key key, ChargeAmounts amounts) =>
            charges[key] = charges.TryGetValue(key, out var known) ? known.Add(amounts) : amounts;
        void Direct(DailySpend s) => Charge(new Key(costCentres.Resolve(s.Day, s.Team, s.CostCentreTag, s.Extra), s.Team,
            s.Workflow, s.Environment, s.Provider, s.Model, s.ChargeClass, null), s.Amounts);

        for (var i = 0; i < spend.Count; i++)
        {
            if (rules[i] is null) Direct(spend[i]);
        }

        var consumers = new Dictionary<string, (IReadOnlyList<string> Teams, IReadOnlyList<decimal> Weights)>(StringComparer.Ordinal);
        var shared = Enumerable.Range(0, spend.Count).Where(i => rules[i] is not null).GroupBy(i =>
            (RuleId: rules[i]!.Id, spend[i].Day, spend[i].ChargeClass, spend[i].Workflow, spend[i].Environment, spend[i].Provider, spend[i].Model));
        foreach (var group in shared)
        {
            var rule = rules[group.First()]!;
            if (!consumers.TryGetValue(rule.Id, out var bearers)) consumers[rule.Id] = bearers = SharedCostBook.Consumers(rule, ownSpend);
            if (bearers.Teams.Count == 0)
            {
                foreach (var i in group) Direct(spend[i]); // nobody to share with: the spend stays where it was
                continue;
            }
            var k = group.Key;
            var parts = group.Select(i => spend[i].Amounts).Aggregate((a, b) => a.Add(b)).Split(bearers.Weights);
            for (var c = 0; c < bearers.Teams.Count; c++)
            {
                var team = bearers.Teams[c];
                Charge(new Key(costCentres.OfTeam(team, k.Day), team, k.Workflow, k.Environment, k.Provider, k.Model, k.ChargeClass, rule.Source), parts[c]);
            }
        }

        return [.. charges.Select(c => new Charge(c.Key.CostCentre, c.Key.Team, c.Key.Workflow, c.Key.Environment, c.Key.Provider,
            c.Key.Model, c.Key.ChargeClass, c.Key.SharedFrom, c.Value))];
    }
}
