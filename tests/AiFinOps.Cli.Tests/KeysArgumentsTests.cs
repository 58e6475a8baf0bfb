using System.Text.Json;
using AiFinOps.Cli.Common;
using AiFinOps.Cli.Keys;

namespace AiFinOps.Cli.Tests;

public sealed class KeysArgumentsTests
{
    [Fact]
    public void Keys_create_sends_the_name_scopes_teams_and_environments_as_the_api_expects()
    {
        var parse = Cli.Parse("keys create --name ci-emitter --scopes ingest,read --teams support,sales --environments prod");
        var request = Cli.Command<CreateKeyCommand>(parse).Request(parse);

        Assert.Equal(
            """{"name":"ci-emitter","scopes":["ingest","read"],"teams":["support","sales"],"environments":["prod"]}""",
            JsonSerializer.Serialize(request, GatewayClient.Json));
    }

    [Fact]
    public void Lists_may_also_be_given_by_repeating_the_option_and_default_to_unrestricted()
    {
        var parse = Cli.Parse("keys create --name reader --scopes read --scopes finance");
        var request = Cli.Command<CreateKeyCommand>(parse).Request(parse);
        Assert.Equal(["read", "finance"], request.Scopes);
        Assert.Empty(request.Teams);
        Assert.Empty(request.Environments);
    }

    [Theory]
    [InlineData("keys create --scopes read", "--name")]
    [InlineData("keys create --name x", "--scopes")]
    [InlineData("keys create --name x --scopes read,superuser", "Unknown scope 'superuser'")]
    [InlineData("keys revoke", "Required argument missing")]
    public void Bad_keys_arguments_are_refused_with_a_reason(string commandLine, string reason) =>
        Assert.Contains(reason, Cli.Errors(commandLine));

    [Fact]
    public void Keys_revoke_deletes_the_key_by_id()
    {
        var parse = Cli.Parse("keys revoke key_01JXYZ");
        Assert.Equal("/api/v1/keys/key_01JXYZ", Cli.Command<RevokeKeyCommand>(parse).KeyPath(parse));
    }

    [Fact]
    public void Keys_list_accepts_a_gateway_and_a_key()
    {
        var parse = Cli.Parse("keys list --gateway http://gateway:8080 --key afo_admin --json");
        Cli.Command<ListKeysCommand>(parse);
        Assert.Equal(new Uri("http://gateway:8080"), parse.GetValue<Uri>("--gateway"));
    }

    [Fact]
    public void An_issued_key_reads_from_the_api_answer()
    {
        const string answer = """
            { "keyId": "key_1", "key": "afo_secret", "name": "ci", "scopes": ["ingest"], "teams": [],
              "environments": ["prod"], "issuedAt": "2026-11-02T09:00:00Z", "revokedAt": null }
            """;
        var key = JsonSerializer.Deserialize<ApiKeyView>(answer, GatewayClient.Json)!;
        Assert.Equal(("key_1", "afo_secret", "(all)", "prod"), (key.KeyId, key.Key, ApiKeyView.Restriction(key.Teams), ApiKeyView.Restriction(key.Environments)));
    }
}
