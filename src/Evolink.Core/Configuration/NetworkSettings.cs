using System;
using System.Net;

namespace Evolink.Configuration;

/// <summary>
/// How the client reaches the network: which proxy, which certificates it
/// trusts, which HTTP version it asks for. Clients with equal settings share
/// one connection pool (<see cref="SharedHttp"/>).
/// </summary>
public sealed class NetworkSettings
{
    /// <summary>A proxy for every host but loopback, chosen for this call or session; null lets what follows decide.</summary>
    public Uri? Proxy { get; set; }

    /// <summary>Where <see cref="Proxy"/> was named (for Test-EvolinkConnection's words), e.g. "parameter" or "session".</summary>
    public string? ProxySource { get; set; }

    /// <summary>The saved configuration's proxy: below the proxy variables, above the system's settings.</summary>
    public Uri? SavedProxy { get; set; }

    /// <summary>The proxy's credential; it goes only to the proxy, never in a file.</summary>
    public NetworkCredential? ProxyCredential { get; set; }

    /// <summary>Answer the proxy's challenge with the signed-in user's credentials (Windows: NTLM or Kerberos).</summary>
    public bool ProxyUseDefaultCredentials { get; set; }

    /// <summary>Go direct to every host, whatever the environment and the system say.</summary>
    public bool NoProxy { get; set; }

    /// <summary>The proxy variables as the environment had them when the settings were made (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY).</summary>
    public ProxyVariables Variables { get; set; } = ProxyVariables.None;

    /// <summary>Accept any server certificate: for a test gateway only; the host warns each time.</summary>
    public bool SkipCertificateCheck { get; set; }

    /// <summary>A certificate file (PEM or DER) whose authority is trusted besides the system's, e.g. a TLS-inspecting proxy's.</summary>
    public string? CertificateAuthorityFile { get; set; }

    /// <summary>The HTTP version asked for (lower is accepted); null for the default, HTTP/2 where the runtime has it.</summary>
    public Version? HttpVersion { get; set; }

    /// <summary>What tells one connection pool from another; the credential counts by a salted hash, never by its text.</summary>
    internal string PoolKey => string.Join("|", Proxy, SavedProxy, ProxyCredential is null ? null : ProxyCredential.UserName + ":" + CredentialTag(ProxyCredential),
        ProxyUseDefaultCredentials, NoProxy, Variables.PoolKey, SkipCertificateCheck, CertificateAuthorityFile, HttpVersion);

    private static readonly byte[] Salt = Guid.NewGuid().ToByteArray();

    private static string CredentialTag(NetworkCredential credential)
    {
        using var hash = System.Security.Cryptography.SHA256.Create();
        var bytes = System.Text.Encoding.UTF8.GetBytes(credential.Domain + "\\" + credential.UserName + "\n" + credential.Password);
        var salted = new byte[Salt.Length + bytes.Length];
        Buffer.BlockCopy(Salt, 0, salted, 0, Salt.Length);
        Buffer.BlockCopy(bytes, 0, salted, Salt.Length, bytes.Length);
        return Convert.ToBase64String(hash.ComputeHash(salted));
    }
}
