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
    /// <summary>A refusal that arrives at once, before the connect waits, leaves the waiting path cold: it is tried again, a few times at most.</summary>
    private const int Attempts = 4;

    /// <summary>True when a refusal was waited for, as a connection over the network waits; false when none could be.</summary>
    public static async Task<bool> TryAsync()
    {
        try
        {
            using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var target = new DnsEndPoint(IPAddress.Loopback.ToString(), ((IPEndPoint)holder.LocalEndPoint!).Port);
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                if (await RefusedAfterWaitingAsync(target).ConfigureAwait(false))
                    return true;
            }
            return false;
        }
        catch (Exception)
        {
            // No loopback, or sockets refused to this process: only the first call's speed is at stake.
            return false;
        }
    }

    private static async Task<bool> RefusedAfterWaitingAsync(DnsEndPoint target)
    {
        // Made and connected as the HTTP stack makes its sockets: dual mode, to a host name it resolves itself. A
        // socket whose connect failed cannot connect again, so each attempt has its own.
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var connect = socket.ConnectAsync(target, CancellationToken.None);
        var waited = !connect.IsCompleted;
        try
        {
            await connect.ConfigureAwait(false);
            return false;
        }
        catch (SocketException refused) when (refused.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return waited;
        }
    }
}
#endif
