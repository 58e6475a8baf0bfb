namespace AiFinOps.ServiceDefaults.Messaging.Upgrading;

/// <summary>What the broker holds under a receive queue's name, compared with what this version declares.</summary>
public enum QueueFound
{
    /// <summary>No queue of that name (never started, or a migration deleted it and stopped before re-declaring).</summary>
    Missing,

    /// <summary>A queue equivalent to this version's declaration: nothing to change.</summary>
    AsDeclared,

    /// <summary>A queue that differs only in its type (<c>x-queue-type</c>): a classic queue of an earlier version.</summary>
    OtherType,

    /// <summary>A queue that differs in some other argument or flag: not something to rewrite automatically.</summary>
    OtherArguments,
}

/// <summary>The next step of a receive queue's migration.</summary>
public enum QueueMigrationStep
{
    NothingToDo,

    /// <summary>Move the old queue's messages into the staging queue, delete it, declare the new one, move them back.</summary>
    Migrate,

    /// <summary>An earlier attempt stopped after the old queue was deleted: declare the new queue and move the staged messages into it.</summary>
    FinishFromStaging,

    /// <summary>The queue is not one this version can migrate: the service reports it unhealthy and says what to do.</summary>
    Refuse,
}

/// <summary>Pure decision: given what the broker holds, what does a start-up migration do next?</summary>
public static class QueueMigrationDecision
{
    public static QueueMigrationStep Decide(QueueFound found, bool stagingExists) => found switch
    {
        QueueFound.OtherType => QueueMigrationStep.Migrate,
        QueueFound.OtherArguments => QueueMigrationStep.Refuse,
        // Missing or already as declared: only staged messages of an interrupted migration may remain to be moved.
        _ when stagingExists => QueueMigrationStep.FinishFromStaging,
        _ => QueueMigrationStep.NothingToDo,
    };
}
