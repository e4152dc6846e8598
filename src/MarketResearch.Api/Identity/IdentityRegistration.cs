using MarketResearch.Api.Security;
using MarketResearch.Domain.Identity;
using MarketResearch.Domain.Persistence;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MarketResearch.Api.Identity;

internal static class IdentityRegistration
{
    /// <summary>Tolerated clock difference between replicas when checking token lifetimes.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static WebApplicationBuilder AddResearchIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();

        builder.Services.AddIdentityCore<ResearchUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = auth.MinPasswordLength;
                // Length and a common-password check, not composition rules (NIST SP 800-63B).
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 1;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = auth.LockoutThreshold;
                identity.Lockout.DefaultLockoutTimeSpan = auth.LockoutDuration;
            })
            .AddEntityFrameworkStores<ResearchDbContext>()
            .AddTokenProvider<AuthenticatorTokenProvider<ResearchUser>>(TokenOptions.DefaultAuthenticatorProvider);

        builder.Services.AddOptions<PasswordHashingOptions>().Bind(builder.Configuration.GetSection(PasswordHashingOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PasswordHashingOptions>, PasswordHashingOptionsValidator>();
        // Replaces Identity's PBKDF2 hasher; old hashes still verify and are upgraded at the next sign-in.
        builder.Services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<ResearchUser>, Argon2PasswordHasher>());
        builder.Services.AddSingleton<DecoyPassword>();
        builder.Services.AddSingleton<PasswordHashingGate>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<SigningKeys>();
        builder.Services.AddSingleton<SecurityMetrics>();
        builder.Services.AddSingleton<AccessTokenIssuer>();
        builder.Services.AddOptions<RevocationOptions>().Bind(builder.Configuration.GetSection(RevocationOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RevocationOptions>, RevocationOptionsValidator>();
        builder.Services.AddSingleton<RevocationMirror>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RevocationMirror>());
        builder.Services.AddSingleton<TokenRevocation>();
        builder.Services.AddSingleton<DistributedRateLimiter>();
        builder.Services.AddScoped<RefreshTokens>();
        builder.Services.AddScoped<SecurityAudit>();
        builder.Services.AddScoped<SecondFactor>();
        builder.Services.AddSingleton<MfaTickets>();
        builder.Services.AddScoped<SessionTokens>();
        builder.Services.AddScoped<AccountSessions>();
        builder.Services.AddScoped<SignInFlow>();
        builder.Services.AddScoped<SignInTimings>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeys, IOptions<AuthOptions>>((jwt, keys, options) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Value.Issuer,
                    ValidAudience = options.Value.Audience,
                    IssuerSigningKeys = keys.All,
                    // Only HS256: rejects "alg": "none" and algorithm-confusion tokens outright.
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    ClockSkew = ClockSkew,
                    NameClaimType = JwtRegisteredClaimNames.Name,
                };
                jwt.Events = new JwtBearerEvents { OnTokenValidated = RejectRevokedTokensAsync };
            });

        // Secure by default: an endpoint is for signed-in users unless it says AllowAnonymous.
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    private static async Task RejectRevokedTokensAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (principal.TokenId() is not { } tokenId || principal.TokenIssuedAt() is not { } issuedAt
            || !Guid.TryParse(principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var userId))
        {
            context.Fail("The token lacks jti, iat or sub.");
            return;
        }

        try
        {
            var revocation = context.HttpContext.RequestServices.GetRequiredService<TokenRevocation>();
            if (await revocation.IsRevokedAsync(tokenId, userId, issuedAt))
            {
                context.Fail("The token was revoked.");
            }
        }
        catch (Exception exception) when (exception is StackExchange.Redis.RedisException or TimeoutException
                                               or OperationCanceledException or InvalidOperationException)
        {
            // Fail closed: without the denylist a revoked token cannot be told from a good one. A dying Redis link
            // also throws TaskCanceledException and InvalidOperationException, not only RedisException.
            context.Fail("The revocation list is unavailable.");
        }
    }
}
