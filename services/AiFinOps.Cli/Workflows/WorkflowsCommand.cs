using System.CommandLine;

namespace AiFinOps.Cli.Workflows;

/// <summary><c>aifinops workflows list|register|amend</c>: the workflow registry, the launch checklist of every AI workflow.</summary>
public static class WorkflowsCommand
{
    public static Command Create() => new("workflows", "The workflow registry: owner, cost estimate and expectations of every AI workflow (writing needs an admin key)")
    {
        new ListWorkflowsCommand(),
        new RegisterWorkflowCommand(),
        new AmendWorkflowCommand(),
    };
}
