using AiFinOps.ServiceDefaults.Messaging.Upgrading;

namespace AiFinOps.Ingest.Tests.Messaging;

public sealed class QueueMigrationDecisionTests
{
    [Fact]
    public void A_queue_of_another_type_is_migrated_whether_or_not_an_earlier_attempt_left_a_staging_queue()
    {
        Assert.Equal(QueueMigrationStep.Migrate, QueueMigrationDecision.Decide(QueueFound.OtherType, stagingExists: false));
        Assert.Equal(QueueMigrationStep.Migrate, QueueMigrationDecision.Decide(QueueFound.OtherType, stagingExists: true));
    }

    [Fact]
    public void A_queue_as_declared_or_missing_needs_nothing_unless_staged_messages_wait()
    {
        Assert.Equal(QueueMigrationStep.NothingToDo, QueueMigrationDecision.Decide(QueueFound.AsDeclared, stagingExists: false));
        Assert.Equal(QueueMigrationStep.NothingToDo, QueueMigrationDecision.Decide(QueueFound.Missing, stagingExists: false));
        Assert.Equal(QueueMigrationStep.FinishFromStaging, QueueMigrationDecision.Decide(QueueFound.Missing, stagingExists: true));
        Assert.Equal(QueueMigrationStep.FinishFromStaging, QueueMigrationDecision.Decide(QueueFound.AsDeclared, stagingExists: true));
    }

    [Fact]
    public void A_queue_with_other_arguments_is_refused_not_rewritten() =>
        Assert.Equal(QueueMigrationStep.Refuse, QueueMigrationDecision.Decide(QueueFound.OtherArguments, stagingExists: false));
}
