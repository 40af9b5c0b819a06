using System;
using System.IO;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Evolink.Configuration;
using Evolink.Errors;

namespace Evolink.Transport;

/// <summary>
/// Which server certificates a client accepts: the system's trust, plus an
/// extra authority from a file (a TLS-inspecting proxy's), or any at all
/// when the caller skips the check.
/// </summary>
internal sealed class CertificateTrust
{
    private readonly X509Certificate2? _authority;
    private readonly bool _skip;

    private CertificateTrust(X509Certificate2? authority, bool skip)
    {
        _authority = authority;
        _skip = skip;
    }

    /// <summary>The trust these settings ask for; null when it is the system's alone (the runtime's own check applies).</summary>
    public static CertificateTrust? For(NetworkSettings settings)
    {
        if (settings.SkipCertificateCheck)
            return new CertificateTrust(null, skip: true);
        return settings.CertificateAuthorityFile is null ? null : new CertificateTrust(LoadAuthority(settings.CertificateAuthorityFile), skip: false);
    }

    public static X509Certificate2 LoadAuthority(string path)
    {
        if (!File.Exists(path))
            throw new EvolinkException(EvolinkErrorKind.Configuration, $"The certificate authority file '{path}' does not exist.");
        try
        {
            // DER or PEM: the runtime reads both.
#pragma warning disable SYSLIB0057
            return new X509Certificate2(path);
#pragma warning restore SYSLIB0057
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new EvolinkException(EvolinkErrorKind.Configuration,
                $"The certificate authority file '{path}' is not a certificate (PEM or DER): {ex.Message}", ex);
        }
    }

    public bool Accept(object? sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => Check(certificate, errors) is null;

    /// <summary>Why a certificate is refused, or null when it is accepted.</summary>
    public string? Check(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (_skip || errors == SslPolicyErrors.None)
            return null;
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None || certificate is null || _authority is null)
            return Describe(errors);
        using var server = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.ExtraStore.Add(_authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        if (!chain.Build(server))
            return Describe(errors);
        foreach (var element in chain.ChainElements)
            if (element.Certificate.Thumbprint == _authority.Thumbprint)
                return null;
        return $"the chain does not end at the authority in the certificate authority file ({_authority.Subject})";
    }

    public static string Describe(SslPolicyErrors errors) =>
        (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 ? "the certificate is not for this host name"
        : (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0 ? "the server sent no certificate"
        : "the certificate's chain is not trusted (an unknown or self-signed authority, or an expired certificate)";
}
