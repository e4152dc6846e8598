using System.Text.Json;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.Projects;
using Microsoft.Extensions.Options;

namespace MarketResearch.Worker.Personas;

/// <summary>
/// Runs a persona job's own code once when the worker starts, with no effect and no model call: plans an adversarial
/// panel in each locale, measures its fit, renders its prompts, and sends its rows through the panel insert's parameters
/// in a statement that writes nothing. The worker compiles every method fully optimised on its first call (no tiered
/// JIT), so without this the first panels of a worker paid that compilation on their critical path (BENCHMARKS.md).
/// </summary>
internal sealed partial class PersonaGenerationWarmUp(
    IServiceScopeFactory scopes, IOptions<PersonaGenerationOptions> options, TimeProvider clock, ILogger<PersonaGenerationWarmUp> logger) : BackgroundService, IStartUpRehearsal
{
    // Any seed: the plan is thrown away.
    private const long Seed = 1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var size = options.Value.WarmUpPanelSize;
        if (size == 0)
        {
            return;
        }

        // Off the host's start-up path: the worker is ready while this runs.
        await Task.Yield();
        try
        {
            foreach (var locale in Locales.All)
            {
                var plan = PanelPlanner.Plan(new PanelRequest(TargetAudience.Empty, locale, size, Seed, AdversarialOptions.On));
                PanelFit.Measure([.. plan.Blueprints.Select(blueprint => blueprint.Demographics)], plan.Audience);
                _ = PersonaPrompts.System;
                _ = PersonaPrompts.GroundedProfile(locale, plan.Audience.Description, plan.Blueprints[^1], knowledge: string.Empty);
                using var profile = JsonDocument.Parse("{}");
                var rows = plan.Blueprints.Select(blueprint => PersonaGenerationHandler.Row(
                    Guid.Empty, Guid.Empty, locale, blueprint, profile, [], locale, clock.GetUtcNow())).ToList();
                await using var scope = scopes.CreateAsyncScope();
                await PanelStore.RehearseAsync(scope.ServiceProvider.GetRequiredService<ResearchDbContext>(), rows, stoppingToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Only speed is lost: the first job compiles what this did not.
            LogWarmUpFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rehearsing persona generation at start failed")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);
}
