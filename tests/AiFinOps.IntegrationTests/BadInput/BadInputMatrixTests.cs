using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.IntegrationTests.Infrastructure;
using Grpc.Core;

namespace AiFinOps.IntegrationTests.BadInput;

/// <summary>
/// The bad-input matrix (docs/bad-input.md): every malformed or hostile input gets a clear error, the service stays
/// healthy, and nothing of what was refused is stored — while the good events of a batch are still accepted.
/// </summary>
public sealed class BadInputMatrixTests(BadInputWorld world) : IClassFixture<BadInputWorld>
{
    private static readonly Metadata Admin = AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey);

    public static TheoryData<string> RestCaseNames() => [.. RestCases.All.Select(c => c.Name)];
    public static TheoryData<string> EventCaseNames() => [.. EventCases.All.Select(c => c.Name)];
    public static TheoryData<string> CallCaseNames() => [.. CallCases.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(RestCaseNames))]
    public async Task REST_answers_problem_details_naming_the_field(string @case)
    {
        var c = RestCases.ByName[@case];
        using var http = world.Client(c.Service, c.Caller);
        using var request = new HttpRequestMessage(c.Method, c.Path) { Content = c.Body?.Content() };

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(c.Status == response.StatusCode, $"{c.Name}: expected {(int)c.Status}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal((int)c.Status, problem.GetProperty("status").GetInt32());
        var reasons = problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(c.Field, out var named) ? named : default;
        Assert.True(reasons.ValueKind == JsonValueKind.Array, $"{c.Name}: no errors.{c.Field} in {text}");
        Assert.Contains(c.Reason, reasons[0].GetString());
        Assert.DoesNotContain("   at ", text); // no stack trace, whatever the environment

        if (c.StoredIn is not null)
        {
            using var admin = world.Client(c.Service, Caller.Admin);
            Assert.DoesNotContain(c.Marker!, await admin.GetStringAsync(c.StoredIn));
        }
        await AssertHealthyAsync(c.Service);
    }

    [Theory]
    [MemberData(nameof(EventCaseNames))]
    public async Task gRPC_rejects_the_bad_event_and_accepts_the_good_ones_of_its_batch(string @case)
    {
        var c = EventCases.ByName[@case];
        var (before, after) = (Usage.Call(BadInputWorld.Ours), Usage.Call(BadInputWorld.Ours));
        var bad = Usage.Call(BadInputWorld.Ours);
        var repaired = bad.Clone();
        c.Spoil(bad);

        var result = await world.System.IngestClient().RecordBatchAsync(Usage.Batch(before, bad, after), Admin);

        Assert.Equal(2, result.Accepted);
        var rejection = Assert.Single(result.Rejected);
        Assert.Equal(1, rejection.Index);
        Assert.Equal(c.Field, rejection.Field);
        Assert.Contains(c.Reason, rejection.Reason);
        // The good events were recorded once; the rejected one claimed nothing: repaired, it is new.
        var again = await world.System.IngestClient().RecordBatchAsync(Usage.Batch(before, repaired, after), Admin);
        Assert.Equal((1, 2), (again.Accepted, again.Duplicates));
        await AssertHealthyAsync(Service.Ingest);
    }

    [Theory]
    [MemberData(nameof(CallCaseNames))]
    public async Task gRPC_refuses_the_whole_call_with_a_status_and_records_nothing_of_it(string @case)
    {
        var c = CallCases.ByName[@case];
        UsageEvent[] good = [Usage.Call(BadInputWorld.Ours), Usage.Call(BadInputWorld.Ours)];

        var error = await Assert.ThrowsAsync<RpcException>(() => c.Send(world, good));

        Assert.Equal(c.Status, error.StatusCode);
        Assert.Contains(c.Detail, error.Status.Detail);
        if (c.Field is not null) Assert.Equal(c.Field, error.Trailers.GetValue("field"));
        var afterwards = await world.System.IngestClient().RecordBatchAsync(Usage.Batch(good), Admin);
        Assert.Equal((2, 0), (afterwards.Accepted, afterwards.Duplicates));
        await AssertHealthyAsync(Service.Ingest);
    }

    /// <summary>The service answers its health check and a good request after the bad one.</summary>
    private async Task AssertHealthyAsync(Service service)
    {
        using var http = world.Client(service, Caller.Admin);
        using var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var good = await http.GetAsync(GoodRead[service]);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        if (service == Service.Ingest)
            Assert.Equal(1, (await world.System.IngestClient().RecordBatchAsync(Usage.Batch(Usage.Call(BadInputWorld.Ours)), Admin)).Accepted);
    }

    private static readonly Dictionary<Service, string> GoodRead = new()
    {
        [Service.Ingest] = "/api/v1/prices?provider=openai",
        [Service.Allocation] = "/api/v1/spend",
        [Service.Budgeting] = "/api/v1/budgets",
        [Service.Anomaly] = "/api/v1/workflows",
        [Service.Notifications] = "/api/v1/subscriptions",
        [Service.Reporting] = "/api/v1/reports/outcomes",
    };
}
