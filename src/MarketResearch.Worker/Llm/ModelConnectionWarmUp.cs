using MarketResearch.AI;
using MarketResearch.AI.OpenAI;
using Microsoft.Extensions.Options;

namespace MarketResearch.Worker.Llm;

/// <summary>
/// Opens the worker's connections to an OpenAI-compatible endpoint when it starts, without a billable request (see
/// <see cref="OpenAICompatibleEndpoint.WarmConnectionsAsync"/>): a persona panel or a focus-group round sends up to the
/// provider's concurrency limit of calls at once, and each call that found no idle connection set one up first on its
/// critical path (BENCHMARKS.md: the slow-model bench's 20-call wave).
/// </summary>
internal sealed partial class ModelConnectionWarmUp(IServiceProvider services, IOptions<LlmOptions> options, ILogger<ModelConnectionWarmUp> logger) : BackgroundService, IStartUpRehearsal
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var llm = options.Value;
        var connections = Math.Min(llm.WarmConnections, llm.MaxConcurrency.OpenAICompatible);
        if (llm.Provider != LlmProvider.OpenAICompatible || connections == 0)
        {
            return;
        }

        var answered = await services.GetRequiredService<OpenAICompatibleEndpoint>().WarmConnectionsAsync(connections, stoppingToken);
        if (answered < connections)
        {
            // Only speed is lost; the first real call reports whatever is wrong with the endpoint.
            LogUnanswered(logger, connections - answered, connections);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Unanswered} of {Connections} connection warm-up requests to the model endpoint got no answer")]
    private static partial void LogUnanswered(ILogger logger, int unanswered, int connections);
}
