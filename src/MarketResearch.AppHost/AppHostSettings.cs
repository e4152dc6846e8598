namespace MarketResearch.AppHost;

internal static class AppHostSettings
{
    /// <summary>The upload limit the API enforces and the web app shows and checks before sending: one value for both.</summary>
    public const string MaxUploadBytes = "Knowledge:MaxUploadBytes";

    /// <summary>Passes a setting of the AppHost's configuration to the service under the same key; unset keeps the service's default.</summary>
    public static IResourceBuilder<ProjectResource> WithAppHostSetting(this IResourceBuilder<ProjectResource> service, string key)
    {
        if (service.ApplicationBuilder.Configuration[key] is { Length: > 0 } value)
        {
            service.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
        }

        return service;
    }
}
