using AiFinOps.IntegrationTests.Infrastructure;

namespace AiFinOps.IntegrationTests.Chargeback;

public sealed class ApiDocumentTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    [Fact]
    public async Task The_allocation_api_document_describes_the_statement_and_the_rules()
    {
        using var http = system.Allocation.CreateClient();
        var document = await http.GetStringAsync("/openapi/v1.json");

        foreach (var path in new[] { "/api/v1/chargeback/{period}", "/api/v1/cost-centres/rules", "/api/v1/cost-centres/rules/{id}/end",
                     "/api/v1/shared-costs/rules", "/api/v1/shared-costs/rules/{id}" })
            Assert.Contains($"\"{path}\"", document);
        Assert.Contains("text/csv", document);
    }
}
