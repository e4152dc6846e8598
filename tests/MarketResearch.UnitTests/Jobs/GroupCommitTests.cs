using System.Collections.Concurrent;
using MarketResearch.Worker.Jobs;

namespace MarketResearch.UnitTests.Jobs;

public sealed class GroupCommitTests
{
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(2);

    [Fact]
    public async Task Each_caller_gets_its_own_result_and_no_batch_is_larger_than_allowed()
    {
        var batches = new ConcurrentQueue<int>();
        var commit = new GroupCommit<int, int>(items =>
        {
            batches.Enqueue(items.Count);
            return Task.FromResult<IReadOnlyList<int>>([.. items.Select(item => item * 10)]);
        }, maxBatch: 8, Linger, TimeProvider.System);
        var writer = commit.RunAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(item => Task.Run(() => commit.AddAsync(item))));
        commit.Close();
        await writer;

        Assert.Equal(Enumerable.Range(0, 200).Select(item => item * 10), results);
        Assert.Equal(200, batches.Sum());
        Assert.All(batches, size => Assert.InRange(size, 1, 8));
        // Many items shared a statement: fewer batches than items.
        Assert.True(batches.Count < 200, $"{batches.Count} batches for 200 items");
    }

    [Fact]
    public async Task Items_queued_together_share_one_write()
    {
        var batches = new ConcurrentQueue<int>();
        var commit = new GroupCommit<int, int>(items =>
        {
            batches.Enqueue(items.Count);
            return Task.FromResult<IReadOnlyList<int>>([.. items]);
        }, maxBatch: 64, TimeSpan.FromMilliseconds(50), TimeProvider.System);

        var pending = Enumerable.Range(0, 16).Select(commit.AddAsync).ToList();
        var writer = commit.RunAsync();
        await Task.WhenAll(pending);
        commit.Close();
        await writer;

        Assert.Equal([16], batches);
    }

    [Fact]
    public async Task A_lone_item_is_written_at_once_when_no_company_is_expected()
    {
        var lingering = true;
        var commit = new GroupCommit<int, int>(items => Task.FromResult<IReadOnlyList<int>>([.. items]),
            maxBatch: 64, TimeSpan.FromMinutes(1), TimeProvider.System, companyExpected: () => lingering);
        var writer = commit.RunAsync();

        lingering = false;
        // The linger is a minute: only skipping it answers within the bound.
        Assert.Equal(7, await commit.AddAsync(7).WaitAsync(TimeSpan.FromSeconds(20)));
        commit.Close();
        await writer;
    }

    [Fact]
    public async Task A_failed_write_fails_only_its_own_callers_and_later_batches_go_on()
    {
        var writes = 0;
        var commit = new GroupCommit<string, string>(items =>
            Interlocked.Increment(ref writes) == 1
                ? throw new InvalidOperationException("database gone")
                : Task.FromResult<IReadOnlyList<string>>([.. items.Select(item => item + " written")]), maxBatch: 4, TimeSpan.Zero, TimeProvider.System);

        var first = commit.AddAsync("a");
        var writer = commit.RunAsync();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        var second = await commit.AddAsync("b");
        commit.Close();
        await writer;

        Assert.Equal("database gone", failure.Message);
        Assert.Equal("b written", second);
    }

    [Fact]
    public async Task Closing_writes_what_is_queued_and_refuses_more()
    {
        var commit = new GroupCommit<int, int>(items => Task.FromResult<IReadOnlyList<int>>([.. items]), maxBatch: 2, TimeSpan.Zero, TimeProvider.System);
        var queued = Enumerable.Range(0, 5).Select(commit.AddAsync).ToList();
        commit.Close();

        await commit.RunAsync();

        var written = await Task.WhenAll(queued);
        Assert.Equal([0, 1, 2, 3, 4], written);
        Assert.Throws<InvalidOperationException>(() => { _ = commit.AddAsync(5); });
    }

    [Fact]
    public async Task A_writer_that_answers_the_wrong_number_of_results_fails_the_batch()
    {
        var commit = new GroupCommit<int, int>(_ => Task.FromResult<IReadOnlyList<int>>([]), maxBatch: 4, TimeSpan.Zero, TimeProvider.System);
        var item = commit.AddAsync(1);
        commit.Close();
        await commit.RunAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => item);
    }
}
