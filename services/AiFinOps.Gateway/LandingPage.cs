using System.Net;

namespace AiFinOps.Gateway;

/// <summary>The page at <c>/</c> until the web dashboard arrives: where everything is.</summary>
public static class LandingPage
{
    public static readonly string Html = $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>AiFinOps</title>
          <style>
            body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 3rem auto; padding: 0 1rem; color: #1d2433; }
            h1 { margin-bottom: .2rem; } p.lead { margin-top: 0; color: #5b6477; }
            table { border-collapse: collapse; width: 100%; } td { padding: .35rem .5rem; border-top: 1px solid #e3e6ec; }
            code { background: #f2f4f7; padding: .05rem .3rem; border-radius: .2rem; }
          </style>
        </head>
        <body>
          <h1>AiFinOps</h1>
          <p class="lead">FinOps for AI API spend: visibility, allocation, budgets, anomalies and reports.</p>
          <p><a href="/scalar">API reference</a> (every service) · <a href="/hangfire">Hangfire jobs</a> · <a href="/health">gateway health</a></p>
          <p>Calls need an API key: <code>Authorization: Bearer &lt;key&gt;</code>. Usage events go to ingest over gRPC.</p>
          <table>
        {{string.Join("\n", GatewayRoutes.Services.Select(Row))}}
          </table>
        </body>
        </html>
        """;

    private static string Row((string Service, string Title, string[] PathPrefixes) s) =>
        $"""    <tr><td>{WebUtility.HtmlEncode(s.Title)}</td><td>{string.Join(" ", s.PathPrefixes.Select(p => $"<code>{p}</code>"))}</td><td><a href="{GatewayRoutes.OpenApiPath(s.Service)}">OpenAPI</a></td></tr>""";
}
