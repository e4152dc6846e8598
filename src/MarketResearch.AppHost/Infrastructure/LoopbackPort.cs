using System.Net;
using System.Net.Sockets;

namespace MarketResearch.AppHost.Infrastructure;

/// <summary>A free TCP port on the loopback interface, for a local server that listens on it itself (no DCP proxy).</summary>
internal static class LoopbackPort
{
    public static int PickFree()
    {
        // Port 0 lets the kernel choose; the listener is closed at once so the server can bind the same port.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
