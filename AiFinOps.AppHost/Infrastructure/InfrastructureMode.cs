namespace AiFinOps.AppHost.Infrastructure;

/// <summary>Where PostgreSQL and RabbitMQ come from.</summary>
public enum InfrastructureMode
{
    /// <summary>Debian's PostgreSQL and RabbitMQ started by deploy/local/*.sh: no container engine needed.</summary>
    Executables,

    /// <summary>The official images through a container engine (Docker or Podman), with data volumes.</summary>
    Containers,

    /// <summary>Servers someone else runs: <c>ConnectionStrings:aifinops</c> and <c>ConnectionStrings:messaging</c>.</summary>
    External,
}

public static class InfrastructureModes
{
    public const string ConfigurationKey = "Infrastructure";

    /// <summary>The configured mode; when none is configured, containers if a container engine answers, else executables.</summary>
    public static InfrastructureMode Select(string? configured, Func<bool> containerEngineAnswers)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return containerEngineAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Executables;
        }

        return Enum.TryParse<InfrastructureMode>(configured.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new ArgumentException(
                $"'{ConfigurationKey}' is '{configured}'; use one of: executables, containers, external.", nameof(configured));
    }
}
