using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FakeEvolink;

/// <summary>
/// A self-signed certificate for a test gateway (its own authority), for
/// the host names a test uses, with its private key for Kestrel and its
/// public part as a PEM file for a client to trust.
/// </summary>
public sealed class TestCertificate : IDisposable
{
    private TestCertificate(X509Certificate2 certificate, string pemPath)
    {
        Certificate = certificate;
        PemPath = pemPath;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate alone (no key), PEM-encoded: what -CertificateAuthorityFile is given.</summary>
    public string PemPath { get; }

    public static TestCertificate Create(params string[] hostNames)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={hostNames[0]}, O=Evolink tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in hostNames)
            names.AddDnsName(name);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Through PKCS#12 so the key is usable by the TLS stack on every platform.
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        var pem = Path.Combine(Path.GetTempPath(), $"evolink-test-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(pem, created.ExportCertificatePem());
        return new TestCertificate(certificate, pem);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        try { File.Delete(PemPath); } catch (IOException) { }
    }
}
