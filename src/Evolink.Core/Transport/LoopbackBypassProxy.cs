#if NET
using System;
using System.Net;

namespace Evolink.Transport;

/// <summary>
/// The system's proxy (HTTP_PROXY, HTTPS_PROXY, NO_PROXY, or the OS
/// settings) for every host but this machine: a request to loopback always
/// goes direct, as browsers and curl do, so a key sent over plain http to a
/// local gateway never travels through a proxy in clear text.
/// </summary>
internal sealed class LoopbackBypassProxy : IWebProxy
{
    private readonly IWebProxy _system;

    public LoopbackBypassProxy(IWebProxy system) => _system = system;

    public ICredentials? Credentials
    {
        get => _system.Credentials;
        set => _system.Credentials = value;
    }

    public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? null : _system.GetProxy(destination);

    public bool IsBypassed(Uri host) => GatewayEndpoint.IsLoopback(host) || _system.IsBypassed(host);
}
#endif
