namespace MarketResearch.AppHost;

/// <summary>
/// The secrets of the system. In development they are generated once and kept in the AppHost's user secrets;
/// a published model carries no value for them, so production must supply each one.
/// </summary>
internal sealed record SecretParameters(
    IResourceBuilder<ParameterResource> PostgresPassword,
    IResourceBuilder<ParameterResource> RedisPassword,
    IResourceBuilder<ParameterResource> GraphPassword,
    IResourceBuilder<ParameterResource> TokenSigningKey,
    IResourceBuilder<ParameterResource> LlmApiKey);

internal static class SecretParameterExtensions
{
    public static SecretParameters AddSecretParameters(this IDistributedApplicationBuilder builder) => new(
        builder.AddGeneratedSecret("postgres-password", minLength: 24),
        builder.AddGeneratedSecret("redis-password", minLength: 24),
        builder.AddGeneratedSecret("graph-password", minLength: 24),
        builder.AddGeneratedSecret("token-signing-key", minLength: 64),
        // Empty means "no key": the offline provider, or a local endpoint such as Ollama that needs none.
        builder.AddParameter("llm-api-key", value: string.Empty, publishValueAsDefault: false, secret: true));

    private static IResourceBuilder<ParameterResource> AddGeneratedSecret(this IDistributedApplicationBuilder builder, string name, int minLength) =>
        builder.AddParameter(
            name,
            // Letters and digits only: the value is embedded in connection strings and shell-free config files.
            new GenerateParameterDefault { MinLength = minLength, Special = false },
            secret: true,
            persist: true);
}
