using System.ComponentModel;
using System.Diagnostics;

namespace AiFinOps.Deploy.Tests.Rendering;

/// <summary>Runs a command-line tool to its end and returns what it printed; a failure carries its error output.</summary>
public static class ExternalCommand
{
    public static string Run(string fileName, string hint, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{fileName} could not be started ({e.Message}). {hint}", e);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{error.Result}");
            }
            return output;
        }
    }
}
