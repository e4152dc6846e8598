using MarketResearch.Domain.Jobs;

namespace MarketResearch.Worker.Jobs;

internal static class JobsRegistration
{
    public static WebApplicationBuilder AddJobRunner(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobRunnerOptions>().Bind(builder.Configuration.GetSection(JobRunnerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<JobQueueOptions>().Bind(builder.Configuration.GetSection(JobQueueOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<JobQueue>();
        builder.Services.AddSingleton<JobEvents>();
        builder.Services.AddSingleton<JobMetrics>();
        builder.Services.AddSingleton<JobWakeUps>();
        builder.Services.AddSingleton<ProjectReadInvalidation>();
        builder.Services.AddHostedService(services => services.GetRequiredService<JobWakeUps>());
        builder.Services.AddHostedService<JobRunner>();
        builder.Services.AddHostedService<QueueMaintenance>();
        builder.Services.AddSingleton<IJobHandler, DiagnosticJobHandler>();
        return builder;
    }
}
