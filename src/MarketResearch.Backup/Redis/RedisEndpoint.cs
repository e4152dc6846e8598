using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MarketResearch.Backup.Redis;

/// <summary>
/// The Redis server named by a StackExchange.Redis connection string ("host:port,password=...,ssl=true"), the
/// form Aspire and the services use. With several endpoints the first is taken: point it at the primary.
/// </summary>
internal sealed record RedisEndpoint(string Host, int Port, string? User, string? Password, bool UseTls)
{
    public const int DefaultPort = 6379;

    public static bool TryParse(string connectionString, [NotNullWhen(true)] out RedisEndpoint? endpoint, [NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        string? host = null;
        var port = DefaultPort;
        string? user = null, password = null;
        var tls = false;

        foreach (var part in connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                if (host is null && !TrySplitHostAndPort(part, out host, out port))
                {
                    error = $"'{part}' is not host:port.";
                    return false;
                }

                continue;
            }

            var value = part[(equals + 1)..];
            switch (part[..equals].Trim().ToLowerInvariant())
            {
                case "password":
                    password = value;
                    break;
                case "user":
                    user = value;
                    break;
                case "ssl":
                    tls = bool.TryParse(value, out var parsed) && parsed;
                    break;
            }
        }

        if (host is null)
        {
            error = "it names no host:port endpoint.";
            return false;
        }

        endpoint = new RedisEndpoint(host, port, user, password, tls);
        error = null;
        return true;
    }

    /// <summary>"host", "host:port" or "[v6 address]:port".</summary>
    private static bool TrySplitHostAndPort(string text, out string? host, out int port)
    {
        port = DefaultPort;
        host = text;
        var colon = text.LastIndexOf(':');
        var isBareIpv6 = text.Count(character => character == ':') > 1 && !text.StartsWith('[');
        if (colon > 0 && !isBareIpv6)
        {
            host = text[..colon].Trim('[', ']');
            if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                return false;
            }
        }

        return host.Length > 0;
    }

    public override string ToString() => $"{Host}:{Port}";
}
