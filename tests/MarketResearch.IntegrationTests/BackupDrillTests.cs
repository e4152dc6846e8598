using System.Diagnostics;
using System.Text.Json;
using MarketResearch.Backup;
using Npgsql;
using Xunit.Abstractions;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// The restore drill: data made through the API, a verified backup, every table dropped, a restore, and then
/// every row back byte for byte and the API serving it. It replaces the shared stack's database, which is safe
/// because the tests of one collection run one at a time and the restore puts back exactly what was there.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class BackupDrillTests(LocalStackFixture stack, ITestOutputHelper output) : IDisposable
{
    /// <summary>The recovery time objective for a 1 GB database; the test database is far smaller.</summary>
    private static readonly TimeSpan RecoveryTimeObjective = TimeSpan.FromMinutes(10);

    private static readonly string[] HostileNames =
    [
        "Ankieta: zażółć gęślą jaźń — Łódź 🚀",
        "Robert'); DROP TABLE projects;--",
        "<script>alert('x')</script> & \"quotes\"",
        "تحليل السوق 市场调研 👩‍🔬",
        @"\N is how COPY writes NULL, \t a tab, \\ a backslash",
        "Tab\there, new\nline, zero\u200Bwidth, combining e\u0301",
    ];

    private readonly string _backups = Directory.CreateTempSubdirectory("marketresearch-backups-").FullName;

    [Fact]
    public async Task A_destroyed_database_comes_back_from_a_verified_backup_with_every_row_and_the_api_serves_it()
    {
        using var researcher = await ApiUser.RegisterAsync(stack, "Zofia Żółć <b>🧪</b>");
        var projects = new Dictionary<Guid, string>();
        foreach (var name in HostileNames)
        {
            var id = await CreateProjectAsync(researcher.Client, name);
            projects[id] = await researcher.Client.GetStringAsync($"/api/v1/projects/{id}");
        }

        var database = await stack.DatabaseConnectionStringAsync();
        var before = await DatabaseRows.ReadAllAsync(database);

        var backupId = await RunBackupAsync();

        await DatabaseRows.DropEveryTableAsync(database);
        Assert.DoesNotContain("public.projects", (await DatabaseRows.ReadAllAsync(database)).Keys);
        Assert.False((await researcher.Client.GetAsync($"/api/v1/projects/{projects.Keys.First()}")).IsSuccessStatusCode);

        var restoreTime = Stopwatch.StartNew();
        Assert.Equal(0, await BackupAsync("restore", backupId));
        restoreTime.Stop();
        // The restore ended every session to the old database; the test process's pool must not hand them out.
        NpgsqlConnection.ClearAllPools();

        var after = await DatabaseRows.ReadAllAsync(database);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (table, rows) in before)
        {
            Assert.True(rows.SequenceEqual(after[table]), $"{table}: {rows.Count} rows before, {after[table].Count} after, or their content differs.");
        }

        var served = Stopwatch.StartNew();
        foreach (var (id, json) in projects)
        {
            Assert.Equal(json, await researcher.Client.GetStringAsync($"/api/v1/projects/{id}"));
        }

        var tables = before.Where(table => table.Key != DatabaseRows.Sequences).ToList();
        output.WriteLine($"RTO of the test database ({tables.Sum(table => table.Value.Count)} rows in {tables.Count} tables): "
            + $"restore and verify {restoreTime.Elapsed.TotalSeconds:F1} s, API serving again {served.Elapsed.TotalSeconds:F1} s later");
        Assert.True(restoreTime.Elapsed < RecoveryTimeObjective, $"The restore took {restoreTime.Elapsed}.");
    }

    [Fact]
    public async Task Every_run_verifies_itself_and_writes_the_metrics_the_alert_reads()
    {
        var backupId = await RunBackupAsync();

        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_backups, backupId, "manifest.json"))).RootElement;
        Assert.True(manifest.GetProperty("verification").GetProperty("succeeded").GetBoolean());
        Assert.Contains(manifest.GetProperty("postgres").GetProperty("tables").EnumerateArray(),
            table => table.GetProperty("table").GetString() == "public.projects");
        Assert.True(manifest.GetProperty("redis").GetProperty("sizeBytes").GetInt64() > 0);

        var metrics = await File.ReadAllLinesAsync(Path.Combine(_backups, "metrics", "marketresearch_backup.prom"));
        var lastSuccess = long.Parse(metrics.Single(line => line.StartsWith("backup_last_success_timestamp_seconds ", StringComparison.Ordinal)).Split(' ')[1],
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - lastSuccess, 0, 300);
        Assert.Contains("backup_verify_success 1", metrics);

        // A damaged dump is caught by verify, and the backup stops being the one "latest" restores.
        var dump = Path.Combine(_backups, backupId, "postgres.dump");
        var bytes = await File.ReadAllBytesAsync(dump);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(dump, bytes);
        Assert.Equal(1, await BackupAsync("verify", backupId));
        Assert.Equal(1, await BackupAsync("restore", "latest"));
    }

    private async Task<string> RunBackupAsync()
    {
        var before = Directory.GetDirectories(_backups).ToHashSet();
        var timer = Stopwatch.StartNew();
        Assert.Equal(0, await BackupAsync("run"));
        var backup = Assert.Single(Directory.GetDirectories(_backups), folder => !before.Contains(folder) && !folder.EndsWith("metrics", StringComparison.Ordinal));
        output.WriteLine($"backup run (dump, Redis snapshot, verify) took {timer.Elapsed.TotalSeconds:F1} s");
        return Path.GetFileName(backup);
    }

    private async Task<int> BackupAsync(params string[] command)
    {
        using var console = new StringWriter();
        var exitCode = await BackupCli.RunAsync(
        [
            .. command,
            $"--ConnectionStrings:marketresearch={await stack.DatabaseConnectionStringAsync()}",
            $"--ConnectionStrings:redis={await stack.App.GetConnectionStringAsync("redis")}",
            $"--Backup:Directory={_backups}",
            $"--Backup:MetricsFile={Path.Combine(_backups, "metrics", "marketresearch_backup.prom")}",
        ], console);
        output.WriteLine($"backup {string.Join(' ', command)} → {exitCode}\n{console}");
        return exitCode;
    }

    private static async Task<Guid> CreateProjectAsync(HttpClient api, string name)
    {
        var response = await api.PostAsJsonAsync("/api/v1/projects", new
        {
            name,
            description = $"Description of {name}",
            objectives = "Find out whether the backup keeps every character",
            locale = "pl",
            audience = new
            {
                description = "Ludzie z Łodzi 🏙",
                distributions = new Dictionary<string, Dictionary<string, double>>
                {
                    ["age"] = new() { ["18–24 ✓"] = 0.25, ["25-34"] = 0.75 },
                    ["location"] = new() { ["Kraków"] = 1 },
                },
            },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public void Dispose() => Directory.Delete(_backups, recursive: true);
}
