using System;
using System.Runtime.InteropServices;
using System.Security;

namespace Evolink.Credentials;

/// <summary>
/// An API key that never shows itself: it prints as <c>***</c> and is turned
/// into text only when an Authorization header is written.
/// </summary>
public sealed class EvolinkApiKey
{
    private readonly SecureString? _secure;
    private readonly string? _plain;

    private EvolinkApiKey(SecureString? secure, string? plain)
    {
        _secure = secure;
        _plain = plain;
    }

    public static EvolinkApiKey FromSecureString(SecureString key)
    {
        if (key is null || key.Length == 0)
            throw new ArgumentException("The API key is empty.", nameof(key));
        var copy = key.Copy();
        copy.MakeReadOnly();
        return new EvolinkApiKey(copy, null);
    }

    public static EvolinkApiKey FromText(string key)
    {
        if (string.IsNullOrWhiteSpace(key))
            throw new ArgumentException("The API key is empty.", nameof(key));
        return new EvolinkApiKey(null, key.Trim());
    }

    /// <summary>The key's text; only the HTTP layer calls this, at the moment it writes the header.</summary>
    internal string Reveal()
    {
        if (_plain is not null)
            return _plain;
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(_secure!);
        try
        {
            return Marshal.PtrToStringUni(pointer)!;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    public override string ToString() => "***";
}
