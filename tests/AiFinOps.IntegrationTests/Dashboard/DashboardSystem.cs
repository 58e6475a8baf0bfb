extern alias gateway;

using AiFinOps.IntegrationTests.Reporting;
using AiFinOps.Web.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiFinOps.IntegrationTests.Dashboard;

/// <summary>
/// Every service in-process on the real servers (<see cref="ReportingSystem"/>), the web dashboard on a real Kestrel
/// port reading them in-process as service discovery reaches them in production, and Debian's headless Chromium driven
/// by Playwright (its bundled driver; never a downloaded browser).
/// </summary>
public sealed class DashboardSystem : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Kestrel picks a free port: several test classes (and engineers) share the machine.</summary>
    private const string AnyFreePort = "http://127.0.0.1:0";

    public ReportingSystem Services { get; } = new();
    public WebApplicationFactory<DashboardApi> Web { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;

    /// <summary>The gateway in front of the dashboard, as at http://localhost:8080 (it finds "web" by service discovery).</summary>
    public WebApplicationFactory<gateway::Program> Gateway { get; private set; } = null!;
    public Uri GatewayAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright playwright = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: deploy/local/install.sh --tests installs it (apt-get install chromium).");
        await Services.InitializeAsync();
        var handlers = new Dictionary<string, Func<HttpMessageHandler>>
        {
            [ApiServices.Ingest] = () => Services.Ingest.Server.CreateHandler(),
            [ApiServices.Allocation] = () => Services.Allocation.Server.CreateHandler(),
            [ApiServices.Budgeting] = () => Services.Budgeting.Server.CreateHandler(),
            [ApiServices.Anomaly] = () => Services.Anomaly.Server.CreateHandler(),
            [ApiServices.Reporting] = () => Services.Reporting.Server.CreateHandler(),
        };
        Web = new WebApplicationFactory<DashboardApi>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseUrls(AnyFreePort);
            // Month-to-date figures refresh every second here (5 s by default), so the live-update test waits less.
            web.UseSetting("Web:RefreshSeconds", "1");
            foreach (var service in handlers.Keys) web.UseSetting($"Web:Services:{service}", "http://localhost");
            web.ConfigureTestServices(services =>
            {
                foreach (var (service, handler) in handlers) services.AddHttpClient(service).ConfigurePrimaryHttpMessageHandler(handler);
            });
        });
        Web.UseKestrel();
        Web.StartServer();
        Address = AddressOf(Web.Services);

        Gateway = new WebApplicationFactory<gateway::Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseUrls(AnyFreePort);
            web.UseSetting("services:web:http:0", Address.ToString());
        });
        Gateway.UseKestrel();
        Gateway.StartServer();
        GatewayAddress = AddressOf(Gateway.Services);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    /// <summary>A fresh browser session (its own cookies), 1280 px wide, on the dashboard or through <paramref name="address"/>.</summary>
    public async Task<IPage> NewSessionAsync(Uri? address = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (address ?? Address).ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        // A bound on waiting, not a speed target: at the start of CI the browser shares 2 cores with every test project,
        // and a sign-in (key verified through ingest, redirect, circuit) once took longer than 30 s.
        context.SetDefaultTimeout(90_000);
        return await context.NewPageAsync();
    }

    private static Uri AddressOf(IServiceProvider services) => new(services.GetRequiredService<IServer>().Features
        .Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "localhost").Replace("0.0.0.0", "localhost").Replace("127.0.0.1", "localhost"));

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        Gateway?.Dispose();
        Web?.Dispose();
        await Services.DisposeAsync();
    }
}
