using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace AiFinOps.ServiceDefaults.Problems;

/// <summary>
/// Answers a request that could not be bound with 400 problem details naming the field (<c>errors</c>), in every
/// environment: without it ASP.NET Core answers a bare 400 in production and an exception page in development, and a
/// lazily decoded JSON body that is not UTF-8 surfaces as a 500.
/// </summary>
public sealed class BadRequestProblemsMiddleware(RequestDelegate next, ILogger<BadRequestProblemsMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && BadRequestProblems.Explain(ex) is { } explained)
        {
            logger.LogInformation("Refused a request to {Path} the endpoint could not bind: {Field} {Reason}", context.Request.Path, explained.Field, explained.Reason);
            context.Response.Clear();
            context.Response.StatusCode = explained.Status;
            await context.Response.WriteAsJsonAsync(new ValidationProblemDetails(new Dictionary<string, string[]> { [explained.Field] = [explained.Reason] })
            {
                Status = explained.Status,
                Title = "The request is invalid",
                Detail = $"{explained.Field}: {explained.Reason}",
            }, options: null, contentType: "application/problem+json");
        }
    }
}
