using System.CommandLine;
using AiFinOps.Cli;
using AiFinOps.Cli.Common;

Output.WidenWhenRedirected();

// Ctrl+C stops emitting; the grace period lets what is buffered be sent and the summary be printed.
return await AifinopsCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration
{
    ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
});
