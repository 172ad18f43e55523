namespace AppBuilder.AspNetCore;

/// <summary>Registered by <c>AddAppBuilder</c> so that <c>MapAppBuilder</c> can tell it was called.</summary>
internal sealed class AppBuilderMarker;
