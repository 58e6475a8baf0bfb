using System.Net;
using System.Text.Json;
using AiFinOps.Web.Api;

namespace AiFinOps.Web.Tests;

public sealed class ApiAnswerTests
{
    [Fact]
    public void A_403_names_the_scope_the_key_lacks_as_the_service_said_it()
    {
        var body = Json("""{"title":"The API key may not do this","status":403,"errors":{"authorization":["key 'ci' lacks the 'read' scope this endpoint needs (it has: ingest)"]}}""");

        var answer = new ApiAnswer(HttpStatusCode.Forbidden, body, ApiAnswer.ProblemOf(body));

        Assert.True(answer.IsForbidden);
        Assert.Equal("Your API key may not read this — key 'ci' lacks the 'read' scope this endpoint needs (it has: ingest)", answer.Explanation);
    }

    [Fact]
    public void A_validation_problem_reads_field_by_field_and_a_detail_wins_over_the_title()
    {
        Assert.Equal("from: 'x' is not a date; groupBy: 'colour' is not a dimension",
            ApiAnswer.ProblemOf(Json("""{"title":"The spend query is invalid","errors":{"from":["'x' is not a date"],"groupBy":["'colour' is not a dimension"]}}""")));
        Assert.Equal("The organisation's chargeback statement needs a key with the finance scope",
            ApiAnswer.ProblemOf(Json("""{"title":"Forbidden","detail":"The organisation's chargeback statement needs a key with the finance scope"}""")));
        Assert.Equal("Forbidden", ApiAnswer.ProblemOf(Json("""{"title":"Forbidden"}""")));
        Assert.Null(ApiAnswer.ProblemOf(default));
    }

    [Fact]
    public void Only_a_401_sends_the_user_back_to_sign_in()
    {
        Assert.True(new ApiAnswer(HttpStatusCode.Unauthorized, default, null).NeedsSignIn);
        Assert.False(new ApiAnswer(HttpStatusCode.Forbidden, default, null).NeedsSignIn);
        Assert.StartsWith("The service did not answer", ApiAnswer.Unreachable("connection refused").Explanation);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;
}
