using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Evolink.Errors;

namespace Evolink.Credentials;

/// <summary>
/// Takes the API key out of text that came from the network before any
/// message, error, log line or property is built from it: a gateway, a
/// proxy or an HTML error page may echo the request's headers back. The
/// whole key, "Bearer key", and any run of text that matches the key's
/// start for at least <see cref="IdentifyingLength"/> characters (a key
/// echoed cut short still identifies it) become "***".
/// </summary>
public sealed class SecretRedactor
{
    /// <summary>This many leading characters of a key ("sk-" and seven more) are enough to identify it.</summary>
    public const int IdentifyingLength = 10;

    public const string Mask = "***";

    private readonly string _key;
    private readonly string _start;

    private readonly byte[] _startBytes;

    public SecretRedactor(string key)
    {
        _key = key ?? string.Empty;
        _start = _key.Substring(0, Math.Min(_key.Length, IdentifyingLength));
        _startBytes = Encoding.UTF8.GetBytes(_start);
    }

    /// <summary>Whether UTF-8 text may hold the key (its identifying start is there): text that cannot is written as it is, without a copy.</summary>
    public bool MayAppearIn(ReadOnlySpan<byte> utf8) => _startBytes.Length > 0 && utf8.IndexOf(_startBytes) >= 0;

    /// <summary>A redactor for a key that never appears in text.</summary>
    public static SecretRedactor None { get; } = new(string.Empty);

    public string? Redact(string? text)
    {
        if (text is null || _start.Length == 0)
            return text;
        var found = text.IndexOf(_start, StringComparison.Ordinal);
        if (found < 0)
            return text;
        var result = new StringBuilder(text.Length);
        var from = 0;
        while (found >= 0)
        {
            var length = _start.Length;
            while (length < _key.Length && found + length < text.Length && text[found + length] == _key[length])
                length++;
            result.Append(text, from, found - from).Append(Mask);
            from = found + length;
            found = text.IndexOf(_start, from, StringComparison.Ordinal);
        }
        return result.Append(text, from, text.Length - from).ToString();
    }

    /// <summary>Every text field of a gateway error, and every string inside its further fields.</summary>
    public GatewayError Redact(GatewayError error) => new()
    {
        Code = Redact(error.Code),
        Message = Redact(error.Message),
        Type = Redact(error.Type),
        Param = Redact(error.Param),
        RequestId = Redact(error.RequestId),
        Details = error.Details.ToDictionary(d => Redact(d.Key)!, d => RedactData(d.Value)),
    };

    /// <summary>Plain data (strings, numbers, lists, maps) with every string redacted.</summary>
    public object? RedactData(object? value) => value switch
    {
        string text => Redact(text),
        IDictionary<string, object?> map => map.ToDictionary(p => Redact(p.Key)!, p => RedactData(p.Value)),
        IList<object?> list => list.Select(RedactData).ToList(),
        _ => value,
    };
}
