using MarketResearch.Backup.Catalog;
using MarketResearch.Backup.Tools;
using Microsoft.Extensions.Options;

namespace MarketResearch.Backup.Redis;

/// <summary>
/// An RDB snapshot over the network with `redis-cli --rdb` (the server forks a BGSAVE and streams it), so the
/// backup needs no access to the Redis data volume; checked with redis-check-rdb.
/// </summary>
internal sealed class RedisSnapshot(IOptions<BackupOptions> options)
{
    public const string SnapshotFile = "redis.rdb";

    private readonly ExternalTool _redisCli = new("redis-cli", options.Value.ToolTimeout);
    private readonly ExternalTool _checkRdb = new("redis-check-rdb", options.Value.ToolTimeout);

    public async Task<FileArtifact> CaptureAsync(RedisEndpoint endpoint, BackupEntry backup, CancellationToken cancellationToken)
    {
        List<string> arguments = ["-h", endpoint.Host, "-p", endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (endpoint.User is not null)
        {
            arguments.AddRange(["--user", endpoint.User]);
        }

        if (endpoint.UseTls)
        {
            arguments.Add("--tls");
        }

        arguments.AddRange(["--rdb", backup.PathOf(SnapshotFile)]);
        // REDISCLI_AUTH keeps the password out of the process list, where -a would show it.
        await _redisCli.RunAsync(arguments, new Dictionary<string, string?> { ["REDISCLI_AUTH"] = endpoint.Password }, cancellationToken);
        return await FileChecksum.DescribeAsync(backup, SnapshotFile, cancellationToken);
    }

    /// <summary>Null when redis-check-rdb reads the whole file; otherwise its complaint.</summary>
    public async Task<string?> ProblemAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await _checkRdb.RunAsync([path], new Dictionary<string, string?>(), cancellationToken);
            return null;
        }
        catch (BackupFailedException exception)
        {
            return $"{Path.GetFileName(path)} does not pass redis-check-rdb: {exception.Message}";
        }
    }
}
