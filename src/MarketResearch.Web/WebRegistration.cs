using MarketResearch.Web.Account;
using MarketResearch.Web.AI;
using MarketResearch.Web.FocusGroups;
using MarketResearch.Web.Api;
using MarketResearch.Web.Jobs;
using MarketResearch.Web.Knowledge;
using MarketResearch.Web.Personas;
using MarketResearch.Web.Projects;
using MarketResearch.Web.Security;
using MarketResearch.Web.Surveys;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace MarketResearch.Web;

internal static class WebRegistration
{
    public const string CookieName = "mr.session";

    public static WebApplicationBuilder AddWebServices(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddOptions<ApiClientOptions>()
            .Bind(builder.Configuration.GetSection(ApiClientOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<JobWatchOptions>()
            .Bind(builder.Configuration.GetSection(JobWatchOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<KnowledgeUploadOptions>()
            .Bind(builder.Configuration.GetSection(KnowledgeUploadOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<MfaChallengeOptions>()
            .Bind(builder.Configuration.GetSection(MfaChallengeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<PrerenderedAnswersOptions>()
            .Bind(builder.Configuration.GetSection(PrerenderedAnswersOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<PrerenderedAnswers>();
        builder.Services.AddHttpClient<ApiClient>(ApiClientOptions.Configure);
        builder.Services.AddHttpClient<AuthApiClient>(ApiClientOptions.Configure);
        builder.Services.AddScoped<CurrentAccount>();
        builder.Services.AddScoped<AiStatusClient>();
        builder.Services.AddScoped<ProjectsClient>();
        builder.Services.AddScoped<PersonasClient>();
        builder.Services.AddScoped<JobWatcher>();
        builder.Services.AddScoped<FocusGroupsClient>();
        builder.Services.AddScoped<SurveysClient>();
        builder.Services.AddScoped<KnowledgeClient>();

        builder.AddRedisClient("redis");
        // Cookies must stay readable across web replicas and restarts: the key ring lives in Redis.
        builder.Services.AddDataProtection().SetApplicationName("marketresearch-web");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((keys, redis) =>
            keys.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), "web:data-protection-keys"));

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                cookie.LoginPath = "/account/login";
                cookie.LogoutPath = "/account/logout";
                cookie.ExpireTimeSpan = WebSessionOptions.Lifetime;
                cookie.SlidingExpiration = true;
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WebSessionStore>();
        builder.Services.AddSingleton<MfaChallengeStore>();
        builder.Services.AddScoped<ApiSession>();
        builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        app.UseMiddleware<WebSecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }
}
