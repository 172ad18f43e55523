using AppBuilder.Sandboxes.Tests.Fakes;
using AppBuilder.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using AppBuilder.Testing;

namespace AppBuilder.Sandboxes.Tests.DependencyInjection;

public sealed class WorkspacesAppBuilderExtensionsTests
{
    [Fact]
    public async Task AddLocalSandboxesAndWorkspaces_Twice_ResolvesOneManagerAndProvider()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISnapshotStore>(new InMemorySnapshotStore(TimeProvider.System));
        services.AddAppBuilderCore().AddLocalSandboxes().AddWorkspaces(o => o.PreviewBasePath = "/preview/{projectId}/");
        services.AddAppBuilderCore().AddLocalSandboxes().AddWorkspaces();
        await using var provider = services.BuildServiceProvider();

        var manager = provider.GetRequiredService<IWorkspaceManager>();

        manager.Should().BeSameAs(provider.GetRequiredService<IWorkspaceManager>());
        provider.GetRequiredService<ISandboxProvider>().Name.Should().Be("local");
        provider.GetServices<ISandboxProvider>().Should().ContainSingle();
        provider.GetRequiredService<ITemplateSource>().List().Should().Contain(TemplateNames.ReactViteTailwind);
        provider.GetRequiredService<IOptions<WorkspaceOptions>>().Value.GetPreviewBasePath("abc").Should().Be("/preview/abc/");
    }

    [Fact]
    public async Task AddWorkspaces_WithoutSnapshotStore_FailsValidationNamingTheFix()
    {
        var services = new ServiceCollection();
        services.AddAppBuilderCore().AddLocalSandboxes().AddWorkspaces();
        await using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<WorkspaceOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*AddFileStorage*");
    }

    [Fact]
    public async Task AddWorkspaces_RelativePreviewBase_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISnapshotStore>(new InMemorySnapshotStore(TimeProvider.System));
        services.AddAppBuilderCore().AddLocalSandboxes().AddWorkspaces(o => o.PreviewBasePath = "preview/");
        await using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<WorkspaceOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*PreviewBasePath*");
    }
}
