using AiFinOps.ServiceDefaults.Health;
using AiFinOps.ServiceDefaults.Messaging.DeadLetters;
using AiFinOps.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>What every AiFinOps service gets: telemetry to the Aspire dashboard, health, discovery, resilience.</summary>
public static class Extensions
{
    /// <summary>Activity sources and meters of the libraries we run on, so their spans reach the dashboard; <c>AiFinOps.*</c>
    /// takes our own, among them ingest's spend metrics (meter <c>AiFinOps.Ingest</c>, docs/metrics.md).</summary>
    private static readonly string[] LibrarySources = ["MassTransit", "Marten", "Npgsql", "Hangfire", "AiFinOps.*"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.Services.AddProblemDetails();
        // Unbindable requests throw (in every environment, not only Development) so they are answered per field.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(LibrarySources))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(LibrarySources)
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsHealthProbe(ctx.Request.Path))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary><c>/health</c>: ready (every check); <c>/alive</c>: the process answers. Mapped in every environment
    /// because orchestrators (Aspire, Kubernetes) probe them; the body names each check that fails and why
    /// (<see cref="HealthReportText"/>). Also answers unbindable requests per field
    /// (<see cref="BadRequestProblemsMiddleware"/>): added here, last, it sits inside the development exception page and
    /// around every endpoint. A service with a bus also answers <c>/api/v1/admin/dead-letters/{service}</c>
    /// (<see cref="DeadLetterEndpoints"/>).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseMiddleware<BadRequestProblemsMiddleware>();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthReportText.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains("live"),
            ResponseWriter = HealthReportText.WriteAsync,
        }).AllowAnonymous();
        if (app.Services.GetService<DeadLetterQueues>() is { } deadLetters) app.MapDeadLetters(deadLetters);
        return app;
    }

    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}
