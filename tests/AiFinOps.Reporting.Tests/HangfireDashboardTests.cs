using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AiFinOps.Reporting.Jobs;
using Npgsql;

namespace AiFinOps.Reporting.Tests;

/// <summary>The Hangfire dashboard can run and delete jobs: only admin keys may open it.</summary>
public sealed class HangfireDashboardTests(ReportingApp app) : IClassFixture<ReportingApp>
{
    [Fact]
    public async Task A_browser_without_a_key_is_challenged_to_sign_in_with_basic()
    {
        using var response = await app.ClientWithKey(null).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task An_unknown_key_is_challenged_too()
    {
        using var response = await app.ClientWithKey("not-a-key").GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(TestApiKeys.Reader)]
    [InlineData(TestApiKeys.Ingest)]
    public async Task A_key_without_admin_scope_is_forbidden(string key)
    {
        using var response = await app.ClientWithKey(key).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_key_opens_the_dashboard()
    {
        using var response = await app.ClientWithKey(TestApiKeys.Admin).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("AiFinOps report jobs", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_browser_signs_in_with_the_admin_key_as_basic_password_and_reaches_every_dashboard_page()
    {
        var client = app.ClientWithKey(null);
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + TestApiKeys.Admin)));

        using var jobs = await client.GetAsync("/hangfire/jobs/enqueued");
        using var servers = await client.GetAsync("/hangfire/servers");

        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, servers.StatusCode);
    }

    [Fact]
    public async Task Hangfire_keeps_its_tables_in_its_own_schema_beside_the_services()
    {
        await app.ClientWithKey(TestApiKeys.Admin).GetAsync("/hangfire");

        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from information_schema.tables where table_schema = $1 and table_name = 'job'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = JobStorageSchema.For(app.Schema) });
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }
}
