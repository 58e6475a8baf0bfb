using System.CommandLine;

namespace AiFinOps.Cli.Keys;

public static class KeysCommand
{
    public static Command Create() => new("keys", "Issue, list and revoke API keys (needs an admin key)")
    {
        new CreateKeyCommand(),
        new ListKeysCommand(),
        new RevokeKeyCommand(),
    };
}
