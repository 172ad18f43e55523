namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <c>AddAppBuilder</c>: the place where sandbox providers, stores, models and tools are chained on.
/// </summary>
public interface IAppBuilderBuilder
{
    /// <summary>The service collection being configured.</summary>
    IServiceCollection Services { get; }
}
