using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace FakeEvolink;

/// <summary>What a proxy saw at the start of one connection: a CONNECT or a forwarded request, and its head in clear text.</summary>
public sealed record ProxiedRequest(string Method, string Target, string Head);

/// <summary>
/// An HTTP proxy on loopback for tests: forwards plain requests and opens
/// CONNECT tunnels, always to a loopback gateway (whatever host name was
/// asked for, so a test may use a name that is not this machine), and
/// records the clear-text head of each connection. With a credential it
/// answers 407 until Basic Proxy-Authorization carries it.
/// </summary>
public sealed class RecordingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string? _credential;
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2? _certificate;
    private readonly bool _echo;

    private RecordingProxy(string? user, string? password, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, bool echo)
    {
        _echo = echo;
        _credential = user is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
        _certificate = certificate;
        _listener.Start();
        Uri = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _ = AcceptAsync();
    }

    public Uri Uri { get; }

    /// <summary>Every connection's first request, in clear text as the proxy received it.</summary>
    public ConcurrentQueue<ProxiedRequest> Seen { get; } = new();

    /// <summary>How many requests were refused with 407.</summary>
    public int Challenges => _challenges;
    private int _challenges;

    /// <param name="certificate">Given, the proxy itself speaks TLS (an https:// proxy).</param>
    /// <param name="echo">A hostile proxy: its 407 status line repeats the Proxy-Authorization header it was sent.</param>
    public static RecordingProxy Start(string? user = null, string? password = null,
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null, bool echo = false) => new(user, password, certificate, echo);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                Stream inbound = client.GetStream();
                if (_certificate is not null)
                {
                    var tls = new System.Net.Security.SslStream(inbound);
                    await tls.AuthenticateAsServerAsync(_certificate);
                    inbound = tls;
                }
                var head = await ReadHeadAsync(inbound);
                if (head is null)
                    return;
                var parts = head.Split("\r\n")[0].Split(' ');
                var (method, target) = (parts[0], parts.Length > 1 ? parts[1] : string.Empty);
                Seen.Enqueue(new ProxiedRequest(method, target, head));
                if (_credential is not null && !head.Contains("Proxy-Authorization: Basic " + _credential, StringComparison.OrdinalIgnoreCase))
                {
                    Interlocked.Increment(ref _challenges);
                    var sent = _echo ? " " + string.Join(" ", head.Split("\r\n").Where(l => l.StartsWith("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))) : string.Empty;
                    await WriteAsync(inbound, $"HTTP/1.1 407 Proxy Authentication Required{sent}\r\nProxy-Authenticate: Basic realm=\"tests\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    return;
                }
                var port = method == "CONNECT" ? int.Parse(target[(target.LastIndexOf(':') + 1)..]) : new Uri(target).Port;
                using var upstream = new TcpClient();
                await upstream.ConnectAsync(IPAddress.Loopback, port);
                var outbound = upstream.GetStream();
                if (method == "CONNECT")
                    await WriteAsync(inbound, "HTTP/1.1 200 Connection Established\r\n\r\n");
                else
                    await outbound.WriteAsync(Encoding.ASCII.GetBytes(head));
                // Both ways until either side closes: later requests on a kept-alive connection pass through as they are.
                await Task.WhenAny(inbound.CopyToAsync(outbound, _stop.Token), outbound.CopyToAsync(inbound, _stop.Token));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or FormatException or UriFormatException
                                       or System.Security.Authentication.AuthenticationException)
            {
                // A test's connection ending mid-way is not the proxy's concern.
            }
        }
    }

    private static async Task<string?> ReadHeadAsync(Stream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (head.Length < 65536)
        {
            if (await stream.ReadAsync(one) == 0)
                return null;
            head.Append((char)one[0]);
            if (head.Length >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
                return head.ToString();
        }
        return null;
    }

    private static Task WriteAsync(Stream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
