using System.CommandLine;

namespace AiFinOps.Cli.DeadLetters;

/// <summary><c>aifinops dead-letters</c>: messages parked after every retry failed, and replaying them (docs/dead-letters.md).</summary>
public static class DeadLettersCommand
{
    /// <summary>The services with a bus, each answering for its own dead-letter queues.</summary>
    public static readonly IReadOnlyList<string> Services = ["ingest", "allocation", "budgeting", "anomaly", "reporting", "notifications"];

    public static string Route(string service) => $"/api/v1/admin/dead-letters/{service}";

    public static Command Create() => new("dead-letters", "Messages parked after every retry failed, and replaying them (needs an admin key)")
    {
        new ListDeadLettersCommand(),
        new ReplayDeadLettersCommand(),
    };
}
