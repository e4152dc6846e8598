namespace MarketResearch.Worker.Jobs;

/// <summary>
/// "diagnostics.noop": waits, reports progress and optionally fails its first attempts. Operators use it to check
/// the queue end to end; the queue benchmark and the retry, cancellation and worker-kill tests run on it.
/// </summary>
internal sealed class DiagnosticJobHandler : IJobHandler
{
    public const string Type = "diagnostics.noop";

    public string JobType => Type;

    public async Task<object?> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<DiagnosticPayload>();
        if (context.Attempt <= payload.FailAttempts)
        {
            throw new InvalidOperationException($"Failing attempt {context.Attempt} of {payload.FailAttempts} on purpose.");
        }

        var steps = Math.Max(1, payload.Steps);
        for (var step = 1; step <= steps; step++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(payload.DelayMs / (double)steps), cancellationToken);
            if (payload.Steps > 0)
            {
                await context.ReportProgressAsync(step / (double)steps, $"step {step} of {steps}", cancellationToken);
            }
        }

        return new { attempt = context.Attempt };
    }

    private sealed record DiagnosticPayload(int DelayMs = 0, int Steps = 0, int FailAttempts = 0);
}
