using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.Agent.Providers;

/// <summary>
/// The one chat-model pipeline of a service collection: an <see cref="IChatClient"/> registered once through
/// <c>AddChatClient</c>, whose <see cref="ChatClientBuilder"/> every model verb hands back. The model at its core is
/// whichever verb ran last; middleware added to the builder stays.
/// </summary>
/// <remarks>Used while services are registered, on one thread; not thread-safe.</remarks>
internal sealed class ChatModelRegistration
{
    private readonly List<Action<ChatClientBuilder>> _pending = [];
    private Func<IServiceProvider, IChatClient>? _model;
    private ChatClientBuilder? _builder;

    /// <summary>The recording folders already layered on by <c>AddChatModel</c> (<c>RecordTo</c>), so none is added twice.</summary>
    public HashSet<string> RecordingDirectories { get; } = new(StringComparer.Ordinal);

    /// <summary>The named model HTTP clients already registered.</summary>
    public HashSet<string> HttpClients { get; } = new(StringComparer.Ordinal);

    /// <summary>The registration of <paramref name="services"/>, created on first use.</summary>
    public static ChatModelRegistration Of(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ChatModelRegistration) && descriptor.ImplementationInstance is ChatModelRegistration existing)
            {
                return existing;
            }
        }

        var registration = new ChatModelRegistration();
        services.AddSingleton(registration);
        return registration;
    }

    /// <summary>Makes <paramref name="model"/> the model at the pipeline's core, registering the pipeline the first time.</summary>
    public ChatClientBuilder UseModel(IServiceCollection services, Func<IServiceProvider, IChatClient> model)
    {
        _model = model;
        if (_builder is null)
        {
            _builder = services.AddChatClient(sp => _model(sp));
            foreach (var configure in _pending)
            {
                configure(_builder);
            }

            _pending.Clear();
        }

        return _builder;
    }

    /// <summary>Runs <paramref name="configure"/> on the builder now, or as soon as a model verb registers it.</summary>
    public void Configure(Action<ChatClientBuilder> configure)
    {
        if (_builder is null)
        {
            _pending.Add(configure);
        }
        else
        {
            configure(_builder);
        }
    }
}
