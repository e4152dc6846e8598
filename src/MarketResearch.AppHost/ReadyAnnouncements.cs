using Microsoft.Extensions.Logging;

namespace MarketResearch.AppHost;

internal static partial class ReadyAnnouncements
{
    /// <summary>Prints a service's URL once it is healthy, so the console says where to go next.</summary>
    public static IResourceBuilder<ProjectResource> AnnounceWhenReady(this IResourceBuilder<ProjectResource> project, string label, string path = "")
    {
        project.ApplicationBuilder.Eventing.Subscribe<ResourceReadyEvent>(project.Resource, (ready, _) =>
        {
            var logger = ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MarketResearch.AppHost");
            LogReady(logger, label, project.GetEndpoint("http").Url + path);
            return Task.CompletedTask;
        });
        return project;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Label} is ready: {Url}")]
    private static partial void LogReady(ILogger logger, string label, string url);
}
