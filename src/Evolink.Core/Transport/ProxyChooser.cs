using System;
using System.Net;
using System.Net.Http;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Transport;

/// <summary>Why a request goes the way it goes.</summary>
public enum HopReason
{
    /// <summary>This machine is always reached directly, so a key never reaches a proxy from a local gateway.</summary>
    Loopback,
    /// <summary>The caller asked for no proxy.</summary>
    NoProxy,
    /// <summary>The caller named the proxy.</summary>
    Proxy,
    /// <summary>A NO_PROXY entry matches the host.</summary>
    Bypass,
    /// <summary>A proxy environment variable names the proxy.</summary>
    Variable,
    /// <summary>The operating system's proxy settings decide.</summary>
    System,
    /// <summary>Nothing names a proxy.</summary>
    Direct,
}

/// <summary>The hop to one destination: a proxy (null for direct), why, and what said so (a variable's name, a NO_PROXY entry).</summary>
public sealed class ProxyChoice
{
    public ProxyChoice(Uri? proxy, HopReason reason, string? source = null)
    {
        Proxy = proxy;
        Reason = reason;
        Source = source;
    }

    public Uri? Proxy { get; }
    public HopReason Reason { get; }
    public string? Source { get; }
}

/// <summary>
/// Chooses the hop for each request, in this order: loopback is direct; no
/// proxy if asked; the proxy named for the call or the session; NO_PROXY;
/// the proxy variables; the saved configuration's proxy; the system's
/// settings (Windows); else direct. The handler asks
/// it for every request, and Test-EvolinkConnection shows its answers.
/// </summary>
public sealed class ProxyChooser : IWebProxy
{
    private readonly NetworkSettings _settings;
    private readonly IWebProxy? _system;

    /// <param name="system">The system's proxy; null to use the operating system's own (only Windows has settings beyond the variables).</param>
    public ProxyChooser(NetworkSettings settings, IWebProxy? system = null)
    {
        _settings = settings;
        _system = system ?? SystemProxy();
    }

    public ICredentials? Credentials
    {
        get => _settings.ProxyCredential ?? (_settings.ProxyUseDefaultCredentials ? CredentialCache.DefaultCredentials : _system?.Credentials);
        set { }
    }

    public Uri? GetProxy(Uri destination)
    {
        var proxy = Choose(destination).Proxy;
#if !NET
        // .NET Framework's HTTP stack reaches proxies over http only; say so instead of failing somewhere deep inside it.
        if (proxy is not null && proxy.Scheme == Uri.UriSchemeHttps)
            throw new EvolinkException(EvolinkErrorKind.Configuration,
                $"The proxy {proxy} speaks https, which Windows PowerShell 5.1 cannot reach; use the proxy's http:// address, or PowerShell 7.",
                remedy: EvolinkRemedy.CheckProxy);
#endif
        return proxy;
    }

    public bool IsBypassed(Uri host) => Choose(host).Proxy is null;

    public ProxyChoice Choose(Uri destination)
    {
        if (GatewayEndpoint.IsLoopback(destination))
            return new ProxyChoice(null, HopReason.Loopback);
        if (_settings.NoProxy)
            return new ProxyChoice(null, HopReason.NoProxy);
        if (_settings.Proxy is not null)
            return new ProxyChoice(_settings.Proxy, HopReason.Proxy, _settings.ProxySource);
        if (_settings.Variables.BypassEntryFor(destination) is { } entry)
            return new ProxyChoice(null, HopReason.Bypass, entry);
        if (_settings.Variables.For(destination) is { } variable)
        {
            var proxy = ProxyVariables.ParseProxy(variable.Value)
                ?? throw new EvolinkException(EvolinkErrorKind.Configuration,
                    $"The environment variable {variable.Name} holds '{variable.Value}', which is not a proxy URI such as http://proxy.example:8080.");
            return new ProxyChoice(proxy, HopReason.Variable, variable.Name);
        }
        if (_settings.SavedProxy is not null)
            return new ProxyChoice(_settings.SavedProxy, HopReason.Proxy, "file");
        if (_system is not null && !_system.IsBypassed(destination) && _system.GetProxy(destination) is { } chosen && chosen != destination)
            return new ProxyChoice(chosen, HopReason.System);
        return new ProxyChoice(null, HopReason.Direct);
    }

    private static IWebProxy? SystemProxy()
    {
#if NET
        // Elsewhere the "system settings" are the variables, read above as they are now rather than at process start.
        return OperatingSystem.IsWindows() ? HttpClient.DefaultProxy : null;
#else
        return WebRequest.DefaultWebProxy;
#endif
    }
}
