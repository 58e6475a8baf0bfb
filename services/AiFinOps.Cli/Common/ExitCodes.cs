namespace AiFinOps.Cli.Common;

public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Anything that did not fully succeed: refused key, unreachable service, rejected or lost events.</summary>
    public const int Failed = 1;
}
