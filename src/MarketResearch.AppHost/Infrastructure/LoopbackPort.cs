using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MarketResearch.AppHost.Infrastructure;

/// <summary>
/// A loopback port kept for a local server that listens on it itself (no DCP proxy): held by a bound socket until the
/// server starts, so another stack on the machine cannot take it in between.
/// </summary>
internal sealed class LoopbackPort : IDisposable
{
    /// <summary>Below the kernel's ephemeral range, so outgoing connections never take it; above well-known services.</summary>
    private const int LowestPort = 20000;
    private const int Attempts = 100;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
    private const int DefaultEphemeralStart = 32768;

    private readonly Socket _holder;

    private LoopbackPort(Socket holder)
    {
        _holder = holder;
        Number = ((IPEndPoint)holder.LocalEndPoint!).Port;
    }

    public int Number { get; }

    private static LoopbackPort Reserve()
    {
        var highest = EphemeralStart();
        for (var attempt = 0; attempt < Attempts && highest > LowestPort; attempt++)
        {
            if (TryBind(Random.Shared.Next(LowestPort, highest)) is { } holder)
            {
                return new LoopbackPort(holder);
            }
        }

        // Every try was taken (or the range is unusual): let the kernel choose.
        return new LoopbackPort(TryBind(0) ?? throw new InvalidOperationException("No free loopback port."));
    }

    /// <summary>
    /// A port for <paramref name="server"/> held until Aspire is about to start it, then released so it can bind the port
    /// itself; the caller declares the endpoint on the returned number.
    /// </summary>
    public static int ReserveUntilStarted<T>(IResourceBuilder<T> server) where T : IResource
    {
        var port = Reserve();
        server.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(server.Resource, (_, _) =>
        {
            port.Dispose();
            return Task.CompletedTask;
        });
        return port.Number;
    }

    /// <summary>Lets the server bind the port; called just before it starts.</summary>
    public void Dispose() => _holder.Dispose();

    private static Socket? TryBind(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

    private static int EphemeralStart()
    {
        try
        {
            var range = File.ReadAllText(EphemeralRangeFile).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return DefaultEphemeralStart;
        }
    }
}
