namespace MarketResearch.AppHost.Infrastructure;

/// <summary>Finds the OS-package programs local mode runs, or says exactly what to install.</summary>
internal sealed record LocalPrerequisites(string PostgresBinDirectory, string RedisServer, string? PrivilegeDropper)
{
    public const string PostgresBinKey = "Infrastructure:PostgresBinDirectory";
    private const string DebianPostgresRoot = "/usr/lib/postgresql";

    public static LocalPrerequisites Find(IConfiguration configuration)
    {
        var missing = new List<string>();

        var postgresBin = configuration[PostgresBinKey] is { Length: > 0 } configured ? configured : FindPostgresBinDirectory();
        if (postgresBin is null || !File.Exists(Path.Combine(postgresBin, "postgres")) || !File.Exists(Path.Combine(postgresBin, "initdb")))
        {
            missing.Add("PostgreSQL server (initdb, postgres): sudo apt-get install -y postgresql");
        }

        var redisServer = LocalPrograms.Find("redis-server");
        if (redisServer is null)
        {
            missing.Add("Redis server (redis-server): sudo apt-get install -y redis-server");
        }

        // Postgres refuses to run as root: as root we drop to the 'postgres' user the Debian package creates.
        string? dropper = null;
        if (Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root")
        {
            dropper = LocalPrograms.Find("setpriv");
            if (dropper is null)
            {
                missing.Add("setpriv, to run Postgres as the 'postgres' user: sudo apt-get install -y util-linux");
            }
        }

        if (missing.Count > 0)
        {
            throw new DistributedApplicationException(
                "Local infrastructure mode (no container engine answered) needs OS packages that are missing:"
                + string.Concat(missing.Select(item => $"{Environment.NewLine}  - {item}"))
                + $"{Environment.NewLine}./run.sh installs them for you, or set {InfrastructureModeDetector.ModeKey}=containers where Docker runs.");
        }

        return new LocalPrerequisites(postgresBin!, redisServer!, dropper);
    }

    /// <summary>Debian keeps server binaries off PATH, one folder per major version: take the newest.</summary>
    private static string? FindPostgresBinDirectory()
    {
        if (Directory.Exists(DebianPostgresRoot))
        {
            var newest = Directory.GetDirectories(DebianPostgresRoot)
                .Select(directory => (directory, version: int.TryParse(Path.GetFileName(directory), out var major) ? major : -1))
                .Where(candidate => candidate.version > 0 && File.Exists(Path.Combine(candidate.directory, "bin", "postgres")))
                .OrderByDescending(candidate => candidate.version)
                .Select(candidate => Path.Combine(candidate.directory, "bin"))
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return LocalPrograms.Find("postgres") is { } postgres ? Path.GetDirectoryName(postgres) : null;
    }
}
