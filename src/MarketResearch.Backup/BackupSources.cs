using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketResearch.Backup;

/// <summary>What is backed up, from the connection strings the services use too.</summary>
public sealed class BackupSources
{
    public const string DatabaseConnectionName = "marketresearch";
    public const string RedisConnectionName = "redis";
    public const string GraphConnectionName = "graph";

    /// <summary>Postgres, the source of truth: required.</summary>
    public string? Database { get; set; }

    /// <summary>Redis holds only rebuildable data: snapshotted when set, skipped (and recorded so) when not.</summary>
    public string? Redis { get; set; }

    /// <summary>Neo4j cannot be dumped remotely; when set, the manifest records where its dump comes from.</summary>
    public string? Graph { get; set; }

    public static void Bind(BackupSources sources, IConfiguration configuration)
    {
        sources.Database = configuration.GetConnectionString(DatabaseConnectionName);
        sources.Redis = NullIfBlank(configuration.GetConnectionString(RedisConnectionName));
        sources.Graph = NullIfBlank(configuration.GetConnectionString(GraphConnectionName));
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>Fails start-up with a sentence naming the setting, before any tool runs.</summary>
internal sealed class BackupSourcesValidator : IValidateOptions<BackupSources>
{
    public ValidateOptionsResult Validate(string? name, BackupSources options)
    {
        if (string.IsNullOrWhiteSpace(options.Database))
        {
            return ValidateOptionsResult.Fail($"ConnectionStrings:{BackupSources.DatabaseConnectionName} is not set.");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.Database);
            if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
            {
                return ValidateOptionsResult.Fail($"ConnectionStrings:{BackupSources.DatabaseConnectionName} must name a Host and a Database.");
            }
        }
        catch (ArgumentException exception)
        {
            return ValidateOptionsResult.Fail($"ConnectionStrings:{BackupSources.DatabaseConnectionName} is not a valid connection string: {exception.Message}");
        }

        if (options.Redis is not null && !Redis.RedisEndpoint.TryParse(options.Redis, out _, out var redisError))
        {
            return ValidateOptionsResult.Fail($"ConnectionStrings:{BackupSources.RedisConnectionName}: {redisError}");
        }

        return ValidateOptionsResult.Success;
    }
}
