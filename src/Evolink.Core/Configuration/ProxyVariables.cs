using System;
using System.Collections.Generic;
using System.Linq;

namespace Evolink.Configuration;

/// <summary>
/// The proxy environment variables curl made the convention: HTTPS_PROXY
/// for https hosts, HTTP_PROXY for http hosts, ALL_PROXY for both, NO_PROXY
/// the hosts that go direct. The lower-case name wins when both are set.
/// </summary>
public sealed class ProxyVariables
{
    public static readonly ProxyVariables None = new(null, null, null, null);

    public ProxyVariables(string? httpProxy, string? httpsProxy, string? allProxy, string? noProxy)
    {
        HttpProxy = Clean(httpProxy);
        HttpsProxy = Clean(httpsProxy);
        AllProxy = Clean(allProxy);
        NoProxy = Clean(noProxy);
    }

    public string? HttpProxy { get; }
    public string? HttpsProxy { get; }
    public string? AllProxy { get; }
    public string? NoProxy { get; }

    public bool Any => HttpProxy is not null || HttpsProxy is not null || AllProxy is not null;

    public static ProxyVariables From(Func<string, string?> environment)
    {
        string? Read(string name) => Clean(environment(name.ToLowerInvariant())) ?? Clean(environment(name));
        return new ProxyVariables(Read("HTTP_PROXY"), Read("HTTPS_PROXY"), Read("ALL_PROXY"), Read("NO_PROXY"));
    }

    /// <summary>The variable that names a proxy for this destination, and its value; null when none does.</summary>
    public (string Name, string Value)? For(Uri destination)
    {
        if (destination.Scheme == Uri.UriSchemeHttps && HttpsProxy is not null)
            return ("HTTPS_PROXY", HttpsProxy);
        if (destination.Scheme == Uri.UriSchemeHttp && HttpProxy is not null)
            return ("HTTP_PROXY", HttpProxy);
        return AllProxy is null ? null : ("ALL_PROXY", AllProxy);
    }

    /// <summary>
    /// The NO_PROXY entry this host matches: "*" (every host), a host name
    /// (itself and its subdomains; a leading dot or "*." means the same), an
    /// IP address, each with an optional ":port".
    /// </summary>
    public string? BypassEntryFor(Uri destination)
    {
        if (NoProxy is null)
            return null;
        var host = destination.Host.Trim('[', ']').TrimEnd('.');
        foreach (var raw in NoProxy.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = raw.Trim();
            if (entry == "*")
                return entry;
            var (name, port) = SplitPort(entry);
            if (port is not null && port != destination.Port)
                continue;
            name = name.TrimStart('*').TrimStart('.').Trim('[', ']').TrimEnd('.');
            if (name.Length == 0)
                continue;
            if (string.Equals(host, name, StringComparison.OrdinalIgnoreCase)
                || host.EndsWith("." + name, StringComparison.OrdinalIgnoreCase))
                return entry;
        }
        return null;
    }

    internal string PoolKey => string.Join(";", HttpProxy, HttpsProxy, AllProxy, NoProxy);

    private static (string Name, int? Port) SplitPort(string entry)
    {
        // An IPv6 address has colons of its own: only "[addr]:port" carries a port.
        var colon = entry.LastIndexOf(':');
        var bracketed = entry.StartsWith("[", StringComparison.Ordinal);
        if (colon > 0 && (bracketed ? entry[colon - 1] == ']' : entry.IndexOf(':') == colon)
            && int.TryParse(entry.Substring(colon + 1), out var port))
            return (entry.Substring(0, colon), port);
        return (entry, null);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    /// <summary>A proxy variable's value as a URI; a bare "host:port" is read as http://host:port, as curl does.</summary>
    public static Uri? ParseProxy(string value) =>
        Uri.TryCreate(value.Contains("://") ? value : "http://" + value, UriKind.Absolute, out var uri) ? uri : null;

    internal static IEnumerable<string> Names => new[] { "HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY" }.SelectMany(n => new[] { n.ToLowerInvariant(), n });
}
