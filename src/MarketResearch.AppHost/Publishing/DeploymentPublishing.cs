#pragma warning disable ASPIREPIPELINES001 // The pipeline API is experimental; it is how Aspire 13 runs publish steps.

using Aspire.Hosting.Pipelines;
using Aspire.Hosting.Publishing;
using MarketResearch.AppHost.Publishing.Compose;
using MarketResearch.AppHost.Publishing.Kubernetes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarketResearch.AppHost.Publishing;

/// <summary>
/// The publish step that writes our compose and Kubernetes output next to the Aspire manifest:
/// <c>dotnet run --project src/MarketResearch.AppHost -- --operation publish --step publish-deployment --output-path DIR</c>
/// (deploy/publish.sh). It depends on Aspire's publish-manifest step, so one command emits all three.
/// </summary>
internal static partial class DeploymentPublishing
{
    public const string StepName = "publish-deployment";
    private const string ManifestStepName = "publish-manifest";

    public static IDistributedApplicationBuilder AddDeploymentPublishing(this IDistributedApplicationBuilder builder)
    {
        // Without the Aspire CLI attached, a failed publish step is logged but the process exits 0. Count a publish
        // as failed until Aspire reports it finished, so deploy/publish.sh and CI see the failure.
        builder.Eventing.Subscribe<BeforePublishEvent>((_, _) =>
        {
            Environment.ExitCode = 1;
            return Task.CompletedTask;
        });
        builder.Eventing.Subscribe<AfterPublishEvent>((_, _) =>
        {
            Environment.ExitCode = 0;
            return Task.CompletedTask;
        });

        builder.Pipeline.AddStep(StepName, async context =>
        {
            var outputPath = context.Services.GetRequiredService<IOptions<PipelineOptions>>().Value.OutputPath;
            if (string.IsNullOrEmpty(outputPath) || outputPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                throw new DistributedApplicationException($"The {StepName} step writes a folder: pass --output-path DIRECTORY (e.g. deploy/generated).");
            }

            var settings = builder.Configuration.GetSection(DeploymentSettings.SectionName).Get<DeploymentSettings>() ?? new DeploymentSettings();
            var model = await new DeploymentModelReader(context.ExecutionContext, settings).ReadAsync(context.Model, context.CancellationToken);

            // Kubernetes output is regenerated whole, so a removed service leaves no stale file; the compose folder
            // may also hold the operator's .env, certs/ and secrets/, so only our files are overwritten there.
            var kubernetes = Path.Combine(outputPath, "kubernetes");
            if (Directory.Exists(kubernetes))
            {
                Directory.Delete(kubernetes, recursive: true);
            }

            await ComposeWriter.WriteAsync(model, Path.Combine(outputPath, "compose"), context.CancellationToken);
            await KubernetesWriter.WriteAsync(model, kubernetes, context.CancellationToken);
            LogPublished(context.Logger, Path.GetFullPath(outputPath));
        }, dependsOn: ManifestStepName, requiredBy: WellKnownPipelineSteps.Publish);

        return builder;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published compose and Kubernetes output to {Directory}")]
    private static partial void LogPublished(ILogger logger, string directory);
}
