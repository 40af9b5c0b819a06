#if NET
using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Startup;

/// <summary>
/// A process's first connection starts the runtime's socket engine (its event
/// thread and registration), parses the host as an address and compiles the
/// connect's state machines: a first call spent about ten milliseconds there.
/// The warm-up does all of that with a connection refused on this machine's
/// loopback, to a port it holds bound and never listens on: nothing accepts
/// it, no byte is sent, and no listener is ever opened.
/// </summary>
internal static class RefusedConnection
{
    /// <summary>True when the connection was refused, as it is wherever there is an IPv4 loopback; false when none could be tried.</summary>
    public static async Task<bool> TryAsync()
    {
        try
        {
            using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)holder.LocalEndPoint!).Port;
            // Made and connected as the HTTP stack makes its sockets: dual mode, to a host name it resolves itself.
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new DnsEndPoint(IPAddress.Loopback.ToString(), port), CancellationToken.None).ConfigureAwait(false);
            return false;
        }
        catch (SocketException refused) when (refused.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (Exception)
        {
            // No loopback, or sockets refused to this process: only the first call's speed is at stake.
            return false;
        }
    }
}
#endif
