using MarketResearch.AI;
using MarketResearch.Api.AI;
using MarketResearch.Api.Identity;
using MarketResearch.Api.Infrastructure;
using MarketResearch.Api.Jobs;
using MarketResearch.Api.Projects;
using MarketResearch.Api.ReadCache;
using MarketResearch.Api.Security;
using MarketResearch.Api.Surveys;
using MarketResearch.Domain.DiscussionGraph;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Persistence;
using MarketResearch.Knowledge;
using Scalar.AspNetCore;

namespace MarketResearch.Api;

internal static class ApiRegistration
{
    public const string RedisConnectionName = "redis";
    private const string CorsPolicy = "allow-listed-origins";

    public static WebApplicationBuilder AddApiServices(this WebApplicationBuilder builder)
    {
        ProductionGuard.EnsureSafeSecrets(builder.Configuration, builder.Environment);

        builder.Services.AddOptions<ApiOptions>()
            .Bind(builder.Configuration.GetSection(ApiOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var apiOptions = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = apiOptions.MaxRequestBodyBytes;
        });

        builder.AddResearchPersistence();
        builder.AddRedisClient(RedisConnectionName);
        builder.AddProjectReadCache();
        builder.AddAIProviderStatus();
        builder.AddResearchIdentity();
        builder.Services.AddScoped<ProjectAccess>();
        // Search embeds the query with the same model the worker embedded the documents with.
        builder.AddResearchAI();
        builder.AddKnowledge();
        builder.AddDiscussionGraph();
        builder.Services.AddOptions<JobQueueOptions>().Bind(builder.Configuration.GetSection(JobQueueOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<JobQueue>();
        builder.Services.AddScoped<JobAccess>();
        builder.Services.AddScoped<JobEventStream>();
        builder.Services.AddOptions<SurveyResultsOptions>().Bind(builder.Configuration.GetSection(SurveyResultsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Malformed bodies must reach the exception handler, which answers with field-level problem details.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
        {
            // An explicit allowlist only: never "*", and credentials only to listed origins.
            var origins = apiOptions.AllowedOrigins.Where(origin => origin != "*").ToArray();
            policy.WithOrigins(origins).AllowAnyHeader().WithMethods("GET", "POST", "PUT", "DELETE").AllowCredentials();
        }));
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });
        return builder;
    }

    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseCors(CorsPolicy);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<GeneralRateLimitMiddleware>();
        return app;
    }

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        return app;
    }
}
