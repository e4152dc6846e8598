using MarketResearch.Backup.Redis;

namespace MarketResearch.UnitTests.Backup;

public sealed class RedisEndpointTests
{
    [Theory]
    [InlineData("localhost:6380,password=s3cr=t", "localhost", 6380, null, "s3cr=t", false)]
    [InlineData("cache.internal,ssl=true,user=backup,password=p,abortConnect=false", "cache.internal", 6379, "backup", "p", true)]
    [InlineData("[::1]:7000", "::1", 7000, null, null, false)]
    [InlineData(" primary:1 , replica:2 ", "primary", 1, null, null, false)]
    public void The_forms_aspire_and_stackexchange_use_parse(string text, string host, int port, string? user, string? password, bool tls)
    {
        Assert.True(RedisEndpoint.TryParse(text, out var endpoint, out _));

        Assert.Equal(new RedisEndpoint(host, port, user, password, tls), endpoint);
    }

    [Theory]
    [InlineData("password=only", "no host")]
    [InlineData("host:notaport", "not host:port")]
    [InlineData("host:70000", "not host:port")]
    public void Strings_without_a_usable_endpoint_are_refused(string text, string reason)
    {
        Assert.False(RedisEndpoint.TryParse(text, out _, out var error));

        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
