namespace AppBuilder.Agent.Providers;

/// <summary>The provider names AppBuilder's model clients report in <c>ChatClientMetadata.ProviderName</c>.</summary>
internal static class ChatModelProviders
{
    public const string OpenAI = "openai";

    public const string Anthropic = "anthropic";

    public static readonly Uri OpenAIEndpoint = new("https://api.openai.com/v1");

    public static readonly Uri AnthropicEndpoint = new("https://api.anthropic.com");
}
