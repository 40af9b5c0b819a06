using System;
using System.Net;
using Evolink.Errors;

namespace Evolink.Credentials;

/// <summary>Builds request URIs from a base URI and refuses unsafe ones.</summary>
public static class GatewayEndpoint
{
    /// <summary>
    /// Accepts the root ("https://direct.evolink.ai") or the API root
    /// ("…/v1"); both lead to the same paths.
    /// </summary>
    public static Uri Combine(Uri baseUri, string apiPath)
    {
        var root = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
            root = root.Substring(0, root.Length - 3);
        return new Uri(root + "/" + apiPath.TrimStart('/'));
    }

    /// <summary>An absolute http:// or https:// URI: the only kind a gateway can have.</summary>
    public static bool IsHttpUri(Uri uri) => uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>Fails every call up front when the key would travel in clear text to another machine.</summary>
    public static void EnsureSafe(Uri baseUri, bool allowUnencryptedAuthentication)
    {
        if (!IsHttpUri(baseUri))
            throw new EvolinkException(EvolinkErrorKind.Configuration,
                $"The base URI '{baseUri}' is not an http(s) URI. Use the gateway's root, e.g. https://direct.evolink.ai.");
        if (baseUri.Scheme == Uri.UriSchemeHttp && !allowUnencryptedAuthentication && !IsLoopback(baseUri))
            throw new EvolinkException(EvolinkErrorKind.Configuration,
                $"Refusing to send the API key over unencrypted http:// to '{baseUri.Host}'. Use https://.",
                remedy: EvolinkRemedy.UnencryptedAuthentication);
    }

    /// <summary>
    /// https, or http to this machine: the only links fetched or servers reached besides the gateway (result files,
    /// uploads' URLs, MCP endpoints, reference images), since plain http elsewhere can be read and changed on the way.
    /// </summary>
    public static bool IsEncryptedOrLocal(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri));

    public static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback)
            return true;
        var host = uri.Host.Trim('[', ']');
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
