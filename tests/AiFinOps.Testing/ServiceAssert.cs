using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Xunit;

namespace AiFinOps.Testing;

/// <summary>What every service promises alike: validation problems and readiness.</summary>
public static class ServiceAssert
{
    /// <summary>A 400 RFC 9457 validation problem whose errors name exactly these query parameters.</summary>
    public static async Task ValidationProblemAsync(HttpResponseMessage response, params string[] parameters)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(parameters, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    /// <summary><c>/health</c> answers ready, and readiness covers PostgreSQL and the bus.</summary>
    public static async Task ReadyWithPostgresAndBusAsync<TProgram>(ServiceApp<TProgram> app) where TProgram : class
    {
        using var response = await app.ClientWithKey(null).GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Contains(checks, c => c.Name == "postgres");
        Assert.Contains(checks, c => c.Tags.Contains("masstransit"));
    }
}
