using AiFinOps.Deploy.Tests.Rendering;

namespace AiFinOps.Deploy.Tests;

/// <summary>PostgreSQL through CloudNativePG and RabbitMQ through its Cluster Operator: replicated and backed up in
/// production, one of each locally, and the services pointed at what the operators create.</summary>
public sealed class DataClusterTests
{
    public static TheoryData<string> Overlays => new(Kustomize.Overlays);

    [Fact]
    public void Production_runs_three_broker_nodes_and_a_primary_with_synchronous_replicas_backed_up_nightly()
    {
        var rendered = Kustomize.Render("production");
        var database = rendered.OfKind("Cluster").Single();
        var backup = rendered.OfKind("ScheduledBackup").Single();

        Assert.Equal("3", rendered.OfKind("RabbitmqCluster").Single().Scalar("spec", "replicas"));
        Assert.True(int.Parse(database.Scalar("spec", "instances")!) >= 3, "a primary and at least two replicas");
        Assert.True(int.Parse(database.Scalar("spec", "minSyncReplicas") ?? "0") >= 1, "a commit waits for a replica");
        // WAL archived to the ObjectStore through the Barman Cloud Plugin, which also takes the scheduled base backups.
        var archiver = database.Items("spec", "plugins").Single(p => p.Scalar("isWALArchiver") == "true");
        var store = rendered.Single("ObjectStore", archiver.Scalar("parameters", "barmanObjectName")!);
        Assert.NotNull(store.Scalar("spec", "configuration", "destinationPath"));
        Assert.Equal(database.Name, backup.Scalar("spec", "cluster", "name"));
        Assert.Equal(("plugin", archiver.Scalar("name")), (backup.Scalar("spec", "method"), backup.Scalar("spec", "pluginConfiguration", "name")));
        Assert.False(string.IsNullOrEmpty(backup.Scalar("spec", "schedule")));
    }

    [Fact]
    public void Local_runs_one_of_everything()
    {
        var rendered = Kustomize.Render("local");

        Assert.Equal("1", rendered.OfKind("RabbitmqCluster").Single().Scalar("spec", "replicas"));
        Assert.Equal("1", rendered.OfKind("Cluster").Single().Scalar("spec", "instances"));
        Assert.Empty(rendered.OfKind("ScheduledBackup"));
        Assert.All(rendered.OfKind("Deployment"), d => Assert.Equal("1", d.Scalar("spec", "replicas")));
        Assert.All(rendered.OfKind("HorizontalPodAutoscaler"), h => Assert.Equal("1", h.Scalar("spec", "maxReplicas")));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Services_reach_the_services_and_credentials_the_operators_create(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var database = rendered.OfKind("Cluster").Single().Name;
        var broker = rendered.OfKind("RabbitmqCluster").Single().Name;
        var settings = WorkloadTests.ServiceSettings(rendered);
        var secretsRead = WorkloadTests.ContainersOf(rendered)
            .SelectMany(c => c.Container.Items("env"))
            .Select(e => e.Scalar("valueFrom", "secretKeyRef", "name"))
            .ToHashSet();

        Assert.Equal($"{database}-rw", settings["AIFINOPS_DB_HOST"]);
        Assert.Equal(broker, settings["AIFINOPS_RABBITMQ_HOST"]);
        Assert.Contains($"{database}-app", secretsRead);
        Assert.Contains($"{broker}-default-user", secretsRead);
        Assert.Equal("aifinops", rendered.OfKind("Cluster").Single().Scalar("spec", "bootstrap", "initdb", "database"));
    }
}
