using AppBuilder.Sandboxes;
using AppBuilder.Sandboxes.Dependencies;
using AppBuilder.Sandboxes.Internal;
using AppBuilder.Sandboxes.Templates;
using AppBuilder.Sandboxes.Workspaces;
using AppBuilder.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers project workspaces: the workspace manager, the embedded templates, the dependency cache and the
/// idle reaper.</summary>
public static class WorkspacesAppBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="IWorkspaceManager"/> with <see cref="WorkspaceOptions"/> bound from <c>AppBuilder:Workspace</c>
    /// and validated at start, the embedded <see cref="ITemplateSource"/> (unless one is registered), the dependency
    /// cache and the idle reaper (a hosted service). Needs an <see cref="ISandboxProvider"/> (for example
    /// <c>AddLocalSandboxes()</c>) and an <see cref="ISnapshotStore"/> (for example <c>AddFileStorage()</c>); the host
    /// fails at start, naming the fix, when one is missing. Calling it twice is harmless.
    /// </summary>
    /// <param name="builder">The AppBuilder builder.</param>
    /// <param name="configure">Changes the options after configuration binding.</param>
    public static IAppBuilderBuilder AddWorkspaces(this IAppBuilderBuilder builder, Action<WorkspaceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<WorkspaceOptions>, WorkspaceOptionsBinding>());
        var options = services.AddOptions<WorkspaceOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkspaceOptions>, WorkspaceServicesValidator>());
        services.TryAddSingleton<ITemplateSource, EmbeddedTemplateSource>();
        services.TryAddSingleton<IHostCommandRunner, HostCommandRunner>();
        services.TryAddSingleton<DependencyCache>();
        services.TryAddSingleton<DependencyInstaller>();
        services.TryAddSingleton(sp => new WorkspaceManager(
            sp.GetRequiredService<ISandboxProvider>(),
            sp.GetRequiredService<ISnapshotStore>(),
            sp.GetRequiredService<ITemplateSource>(),
            sp.GetRequiredService<DependencyInstaller>(),
            sp.GetRequiredService<AppBuilder.Logs.IProjectLogStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<WorkspaceOptions>>(),
            sp.GetRequiredService<Logging.ILogger<WorkspaceManager>>(),
            sp.GetService<IProjectStore>(),
            sp.GetService<IWorkspaceOwnership>()));
        services.TryAddSingleton<IWorkspaceManager>(sp => sp.GetRequiredService<WorkspaceManager>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WorkspaceIdleReaper>());
        return builder;
    }
}
