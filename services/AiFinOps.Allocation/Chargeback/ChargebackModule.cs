using AiFinOps.Allocation.Chargeback.Freezing;
using AiFinOps.Allocation.Chargeback.GettingStatements;
using AiFinOps.Allocation.CostCentres;
using AiFinOps.Allocation.CostCentres.MappingRules;
using AiFinOps.Allocation.Periods.ClosingPeriods;
using AiFinOps.Allocation.SharedCosts;
using AiFinOps.Allocation.SharedCosts.SharingCosts;
using JasperFx.Events.Projections;
using Marten;

namespace AiFinOps.Allocation.Chargeback;

/// <summary>Wires cost-centre rules, shared-cost rules and the chargeback statement (frozen when its period closes).</summary>
public static class ChargebackModule
{
    public static WebApplicationBuilder AddChargeback(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PeriodCharges>();
        builder.Services.AddSingleton<IPeriodClosingStep, FreezeStatementOnClose>();
        builder.Services.ConfigureMarten(options =>
        {
            options.Events.AddEventType<CostCentreRuleDefined>();
            options.Events.AddEventType<CostCentreRuleAmended>();
            options.Events.AddEventType<CostCentreRuleEnded>();
            options.Events.AddEventType<SharedCostRuleDefined>();
            options.Events.AddEventType<SharedCostRuleAmended>();
            options.Events.AddEventType<SharedCostRuleEnded>();
            options.Events.AddEventType<ChargebackStatementFrozen>();
            options.Projections.Snapshot<CostCentreMapping>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<SharedCostSource>(SnapshotLifecycle.Inline);
            options.Projections.Snapshot<FrozenStatement>(SnapshotLifecycle.Inline);
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapChargeback(this IEndpointRouteBuilder routes)
    {
        routes.MapCostCentreRules();
        routes.MapSharedCostRules();
        routes.MapChargebackStatement();
        return routes;
    }
}
