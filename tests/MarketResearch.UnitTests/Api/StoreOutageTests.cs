using System.Net.Sockets;
using MarketResearch.Api.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StackExchange.Redis;

namespace MarketResearch.UnitTests.Api;

public sealed class StoreOutageTests
{
    public static TheoryData<Exception> Outages() =>
    [
        new StoreUnavailableException("rate-limit store", new TimeoutException()),
        new RedisConnectionException(ConnectionFailureType.SocketFailure, "no connection"),
        new TimeoutException("pool exhausted"),
        new NpgsqlException("connection refused", new SocketException((int)SocketError.ConnectionRefused)),
        new InvalidOperationException("transient failure", new NpgsqlException("reset", new IOException("reset by peer"))),
        new DbUpdateException("save failed", new NpgsqlException("read timed out", new TimeoutException())),
        new TaskCanceledException("dead socket"),
    ];

    public static TheoryData<Exception> RequestFailures() =>
    [
        new ArgumentException("bad"),
        new InvalidOperationException("a bug"),
        new DbUpdateException("unique violation", new NpgsqlException("constraint")),
        new NpgsqlException("syntax error"),
    ];

    [Theory]
    [MemberData(nameof(Outages))]
    public void A_store_that_did_not_answer_is_an_outage(Exception exception) =>
        Assert.True(StoreOutage.Caused(exception, CancellationToken.None));

    [Theory]
    [MemberData(nameof(RequestFailures))]
    public void Other_failures_are_not(Exception exception) =>
        Assert.False(StoreOutage.Caused(exception, CancellationToken.None));

    [Fact]
    public void A_cancellation_the_client_asked_for_is_not_an_outage()
    {
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();

        Assert.False(StoreOutage.Caused(new OperationCanceledException(aborted.Token), aborted.Token));
    }
}
