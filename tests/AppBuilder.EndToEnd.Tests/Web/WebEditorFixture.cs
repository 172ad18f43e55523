using Microsoft.Playwright;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.EndToEnd.Tests.Web;

/// <summary>
/// One running web host and one headless Debian Chromium shared by the tests of a class. Tests never share
/// accounts or projects: each signs in as its own user (or the dev account for its own new project) in its own
/// browser context.
/// </summary>
public sealed class WebEditorFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; Playwright's own browser downloads are never used.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>What the fixture's tests need: Chromium, and Node to build the client and run Vite.</summary>
    public const Prerequisite Needs = Prerequisite.Chromium | Prerequisite.Node;

    // Playwright 1.64's chromiumSwitches.ts, minus "ThirdPartyStoragePartitioning".
    private static readonly string[] PlaywrightDisabledFeaturesExceptStoragePartitioning =
    [
        "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "DialMediaRouteProvider", "GlobalMediaControls",
        "HttpsUpgrades", "LensOverlay", "MediaRouter", "PaintHolding", "BlockOriginHeaderModificationOnRedirect",
        "AvoidCorsURLLoaderRestartOnRedirect", "Translate", "AutoDeElevate", "OptimizationHints", "NetworkTimeServiceQuerying",
        "AimEnabled",
    ];

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync",
        // Playwright's own --disable-features list turns off ThirdPartyStoragePartitioning, which every current browser
        // has on: a cross-site iframe (the preview, on its own origin) then gets no localStorage or service workers at
        // all. Chromium keeps the last --disable-features, so this restores the browser's default for that one feature.
        "--disable-features=" + string.Join(',', PlaywrightDisabledFeaturesExceptStoragePartitioning),
    ];

    private WebHostProcess? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    internal WebHostProcess Host => _host ?? throw new InvalidOperationException("The fixture is not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not started.");

    public Uri BaseUrl => Host.BaseUrl;

    public async Task InitializeAsync()
    {
        if (!PrerequisiteProbe.IsPresent(Needs))
        {
            return; // Every test of the class is [RequiresFact(Needs)]: reported as skipped (or failed in CI) without starting anything.
        }

        _host = await WebHostProcess.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (its own cookies) with a page on the host.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
