using Microsoft.Extensions.DependencyInjection;

namespace MarketResearch.IntegrationTests.Browser;

/// <summary>
/// The web app's calls to the API, in order, from its own log (IHttpClientFactory writes "Start processing HTTP request
/// GET …" for each call). Lines of one process arrive in order, so once a later call shows, every earlier one has.
/// </summary>
public sealed class WebApiCallLog : IAsyncDisposable
{
    private const string CallLine = "Start processing HTTP request ";
    private readonly List<string> _calls = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private WebApiCallLog(LocalStackFixture stack)
    {
        var logs = stack.App.Services.GetRequiredService<ResourceLoggerService>();
        var web = stack.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(resource => resource.Name == "web");
        _watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in logs.WatchAsync(web).WithCancellation(_stop.Token))
                {
                    lock (_calls)
                    {
                        foreach (var line in batch)
                        {
                            if (line.Content.IndexOf(CallLine, StringComparison.Ordinal) is var at and >= 0)
                            {
                                _calls.Add(line.Content[(at + CallLine.Length)..].Trim());
                            }
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public static WebApiCallLog Watch(LocalStackFixture stack) => new(stack);

    /// <summary>Every call so far once one matching <paramref name="sentinel"/> has been logged ("GET …/members", say).</summary>
    public Task<IReadOnlyList<string>> UntilAsync(Func<string, bool> sentinel, TimeSpan bound) => UntilAsync(calls => calls.Any(sentinel), bound);

    /// <summary>Every call so far once they satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<string>> UntilAsync(Func<IReadOnlyList<string>, bool> condition, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        while (true)
        {
            lock (_calls)
            {
                if (condition(_calls))
                {
                    return [.. _calls];
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                lock (_calls)
                {
                    throw new TimeoutException($"No such call was logged within {bound}; calls seen:\n" + string.Join("\n", _calls.TakeLast(20)));
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
