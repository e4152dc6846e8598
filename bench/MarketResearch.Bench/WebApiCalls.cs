using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace MarketResearch.Bench;

/// <summary>
/// Counts the web app's calls to the API from its own log (IHttpClientFactory writes one "Start processing HTTP request"
/// line per call at Information): a load-independent measure of what serving a page costs.
/// </summary>
internal sealed class WebApiCalls : IAsyncDisposable
{
    private const string CallLine = "Start processing HTTP request";
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(750);
    private static readonly TimeSpan SettleBound = TimeSpan.FromSeconds(15);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;
    private readonly List<string> _paths = [];
    private long _calls;
    private long _lines;

    private WebApiCalls(DistributedApplication app, string resource)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var web = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(candidate => candidate.Name == resource);
        _watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in logs.WatchAsync(web).WithCancellation(_stop.Token))
                {
                    foreach (var line in batch)
                    {
                        Interlocked.Increment(ref _lines);
                        if (line.Content.IndexOf(CallLine, StringComparison.Ordinal) is var at and >= 0)
                        {
                            lock (_paths)
                            {
                                _paths.Add(line.Content[(at + CallLine.Length)..].Trim());
                            }

                            Interlocked.Increment(ref _calls);
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public static WebApiCalls Watch(BenchStack stack, string resource = "web") => new(stack.App, resource);

    /// <summary>The calls logged so far, once the log has been quiet for a moment (lines arrive after the page shows).</summary>
    public async Task<long> SettledAsync()
    {
        var deadline = DateTime.UtcNow + SettleBound;
        var lines = Interlocked.Read(ref _lines);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(Quiet);
            var now = Interlocked.Read(ref _lines);
            if (now == lines)
            {
                break;
            }

            lines = now;
        }

        return Interlocked.Read(ref _calls);
    }

    /// <summary>The calls logged from the <paramref name="from"/>-th on ("GET http://…/api/v1/…"), in order.</summary>
    public IReadOnlyList<string> Since(long from)
    {
        lock (_paths)
        {
            return _paths.Skip((int)from).ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
