using AppBuilder.AspNetCore;
using AppBuilder.Web.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AppBuilder.Web.Hosting;

/// <summary>Prints, once the server listens, the URL to open, the model in use and the dev account.</summary>
public static class StartupBanner
{
    /// <summary>The line prefix that carries the URL (tests and scripts read it).</summary>
    public const string UrlPrefix = "AppBuilder web editor: ";

    /// <summary>Writes the banner to standard output.</summary>
    public static void Print(WebApplication app, DevAccountOptions? devAccount, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        output ??= Console.Out;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault() ?? "(no address)";
        var metadata = app.Services.GetService<IChatClient>()?.GetService(typeof(ChatClientMetadata)) as ChatClientMetadata;
        var provider = metadata?.ProviderName ?? "unknown";
        var model = string.Equals(provider, "replay", StringComparison.OrdinalIgnoreCase)
            ? "replay (recorded answers only — set AppBuilder:Model:Provider to openai or anthropic for a live model)"
            : $"{provider}{(metadata?.DefaultModelId is { } id ? $" ({id})" : "")}";

        output.WriteLine();
        output.WriteLine($"{UrlPrefix}{url.TrimEnd('/')}/");
        output.WriteLine($"  Model:     {model}");
        var previews = app.Services.GetRequiredService<IOptions<AppBuilderOptions>>().Value.Preview.OriginTemplate
            ?? AppBuilderPreviewOptions.DefaultOriginTemplate;
        output.WriteLine($"  Previews:  {previews} (each project on an origin of its own)");
        output.WriteLine($"  Data root: {app.Services.GetRequiredService<DataRoot>().Path}");
        var recordings = ReplayPromptEndpoints.List(app.Services);
        if (recordings.Count > 0)
        {
            output.WriteLine($"  Recorded prompts: {string.Join(", ", recordings.Select(r => $"\"{r.Prompts[0]}\""))}");
        }

        if (devAccount is not null)
        {
            output.WriteLine($"  Sign in:   {devAccount.Email} / {devAccount.Password}   (the dev account: Development environment only)");
        }

        output.WriteLine();
        output.Flush();
    }
}
