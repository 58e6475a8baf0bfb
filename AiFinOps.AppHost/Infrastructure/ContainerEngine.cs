using System.ComponentModel;
using System.Diagnostics;

namespace AiFinOps.AppHost.Infrastructure;

/// <summary>Asks the container engine Aspire would use whether it runs. A client without a daemon answers "no"
/// within milliseconds; a hung daemon is given a few seconds.</summary>
public static class ContainerEngine
{
    public static bool Answers(string? configuredRuntime, TimeSpan timeout)
    {
        var engine = string.IsNullOrWhiteSpace(configuredRuntime) ? "docker" : configuredRuntime.Trim();
        try
        {
            using var info = Process.Start(new ProcessStartInfo(engine, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (info is null) return false;
            // Drain the output so a chatty engine cannot block on a full pipe.
            _ = info.StandardOutput.ReadToEndAsync();
            _ = info.StandardError.ReadToEndAsync();
            if (info.WaitForExit(timeout)) return info.ExitCode == 0;
            info.Kill(entireProcessTree: true);
            return false;
        }
        catch (Win32Exception)
        {
            return false; // not installed
        }
    }
}
