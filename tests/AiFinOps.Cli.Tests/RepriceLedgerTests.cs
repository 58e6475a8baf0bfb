using AiFinOps.Cli.Ledger;

namespace AiFinOps.Cli.Tests;

public sealed class RepriceLedgerTests
{
    private static string Path(string commandLine)
    {
        var parse = Cli.Parse(commandLine);
        return Cli.Command<RepriceLedgerCommand>(parse).Path(parse);
    }

    [Fact]
    public void Reprice_asks_the_admin_endpoint_for_a_provider_and_optionally_a_model_and_a_range()
    {
        Assert.Equal("/api/v1/admin/ledger/reprice?provider=openai", Path("ledger reprice --provider openai"));
        Assert.Equal("/api/v1/admin/ledger/reprice?provider=acme&model=widget&from=2026-10-01&to=2026-10-31",
            Path("ledger reprice --provider acme --model widget --from 2026-10-01 --to 2026-10-31"));
    }

    [Fact]
    public void A_provider_is_required()
    {
        Assert.Contains("--provider", Cli.Errors("ledger reprice --model widget"));
    }
}
