namespace MarketResearch.DeploymentTests.Infrastructure;

/// <summary>Runs the AppHost's publish step the way deploy/publish.sh does, into a throwaway folder.</summary>
internal static class Publisher
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Publishes into artifacts/publish-*/ : two folders below the root like deploy/generated, so the manifest's
    /// project paths (relative to the manifest) come out the same as in the snapshot.
    /// </summary>
    public static async Task<PublishResult> PublishAsync(params string[] settings)
    {
        var output = Repository.PathOf("artifacts", $"publish-{Guid.NewGuid():N}");
        var project = Repository.PathOf("src", "MarketResearch.AppHost");
        var result = await CommandLine.RunAsync("dotnet",
            ["run", "--project", project, "--no-build", "--no-launch-profile", "-c", Configuration, "--",
                "--operation", "publish", "--step", "publish-deployment", "--output-path", output, .. settings],
            Repository.Root, Timeout);
        return new PublishResult(output, result);
    }
}

internal sealed record PublishResult(string Directory, CommandResult Command) : IDisposable
{
    public string PathOf(params string[] parts) => Path.Combine([Directory, .. parts]);

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}

/// <summary>One fresh publish with default settings, shared by the tests of a class.</summary>
public sealed class FreshPublish : IAsyncLifetime
{
    internal PublishResult Result { get; private set; } = null!;

    public async Task InitializeAsync() => Result = await Publisher.PublishAsync();

    public Task DisposeAsync()
    {
        Result.Dispose();
        return Task.CompletedTask;
    }
}
