using System;
using System.Management.Automation;
using Evolink.Configuration;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>The network parameters, with Invoke-RestMethod's names: proxy, certificate trust, HTTP version.</summary>
public abstract partial class EvolinkGatewayCmdlet
{
    /// <summary>A proxy for every host but this machine, e.g. http://proxy.example:8080. Without it: the session's, HTTPS_PROXY/HTTP_PROXY/ALL_PROXY (NO_PROXY bypasses), the saved configuration's, then the system's settings.</summary>
    [Parameter]
    [ValidateGatewayUri(ForProxy = true)]
    public Uri? Proxy { get; set; }

    /// <summary>The credential the proxy asks for; sent to the proxy only.</summary>
    [Parameter]
    [Credential]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Answer the proxy's challenge with the signed-in user's credentials (Windows: NTLM or Kerberos).</summary>
    [Parameter]
    public SwitchParameter ProxyUseDefaultCredentials { get; set; }

    /// <summary>Go direct to the gateway, whatever the proxy variables, the configuration and the system say.</summary>
    [Parameter]
    public SwitchParameter NoProxy { get; set; }

    /// <summary>Accept any server certificate. Only for a test gateway: a warning is written each time, and it is never saved.</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>A certificate file (PEM or DER) whose authority is trusted besides the system's: a TLS-inspecting proxy's, or a private gateway's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CertificateAuthorityFile { get; set; }

    /// <summary>The HTTP version to ask for: 1.1 (for proxies that only speak it) or 2.0 (the default where the runtime has it).</summary>
    [Parameter]
    [ValidateSet(Settings.Limits.Http11, Settings.Limits.Http20)]
    public string? HttpVersion { get; set; }

    /// <summary>What the command was given, as settings; a proxy and -NoProxy together make no sense, and skipping the certificate check is warned about each time.</summary>
    private EvolinkConfiguration Given()
    {
        if (Proxy is not null && NoProxy)
            throw new EvolinkException(EvolinkErrorKind.InvalidInput, "A proxy was given and no proxy was asked for; give one of -Proxy and -NoProxy.");
        if (SkipCertificateCheck)
            Warning("-SkipCertificateCheck: the gateway's certificate is not checked, so anyone on the path can read the key and the replies. Use it only with a test gateway.");
        return GivenSettings.From(this);
    }
}
