using MarketResearch.Api.Identity;

namespace MarketResearch.Api.Security;

/// <summary>
/// Outside Development the API refuses to start on a missing, short or well-known secret, naming the setting,
/// instead of running with something an attacker can guess.
/// </summary>
internal static class ProductionGuard
{
    private static readonly string[] KnownDefaults =
    [
        "changeme", "change-me", "secret", "password", "development", "your-secret-key", "supersecret", "default",
    ];

    public static void EnsureSafeSecrets(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            return;
        }

        var problems = new List<string>();
        var signingKey = configuration[$"{AuthOptions.Section}:{nameof(AuthOptions.SigningKey)}"];
        if (string.IsNullOrWhiteSpace(signingKey))
        {
            problems.Add("Auth:SigningKey is missing (AppHost parameter token-signing-key; environment Auth__SigningKey).");
        }
        else if (signingKey.Length < AuthOptions.MinSigningKeyLength)
        {
            problems.Add($"Auth:SigningKey is shorter than {AuthOptions.MinSigningKeyLength} characters.");
        }
        else if (LooksDefault(signingKey))
        {
            problems.Add("Auth:SigningKey is a well-known default value.");
        }

        foreach (var name in new[] { "marketresearch", "redis" })
        {
            var connection = configuration.GetConnectionString(name);
            if (string.IsNullOrWhiteSpace(connection))
            {
                problems.Add($"ConnectionStrings:{name} is missing.");
            }
            else if (!connection.Contains("password=", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"ConnectionStrings:{name} has no password.");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"Refusing to start in {environment.EnvironmentName}: " + string.Join(" ", problems));
        }
    }

    private static bool LooksDefault(string secret) =>
        KnownDefaults.Any(known => secret.Contains(known, StringComparison.OrdinalIgnoreCase))
        || secret.Distinct().Count() < 8;
}
