using System.Threading.Channels;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Persistence;
using Npgsql;

namespace MarketResearch.Worker.Jobs;

/// <summary>
/// LISTENs on the jobs channel over its own connection and wakes the runner the moment a job is committed,
/// so an idle worker starts new work in milliseconds instead of waiting for its next poll.
/// </summary>
internal sealed partial class JobWakeUps(IConfiguration configuration, ILogger<JobWakeUps> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Returns when woken or after <paramref name="timeout"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _signals.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Poll interval passed without a wake-up.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString(PersistenceRegistration.ConnectionName);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => _signals.Writer.TryWrite(true);
                await using (var listen = new NpgsqlCommand($"LISTEN {JobChannels.Queued}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Jobs committed while we were not listening: look once.
                _signals.Writer.TryWrite(true);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                LogListenerLost(logger, exception.Message);
                await Task.Delay(ReconnectDelay, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job listener lost its connection; polling until it reconnects: {Reason}")]
    private static partial void LogListenerLost(ILogger logger, string reason);
}
