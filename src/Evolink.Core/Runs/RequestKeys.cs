using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace Evolink.Runs;

/// <summary>
/// Names each request of a run by what is sent and which time it is sent:
/// the same request body the second time in one run is another request
/// (duplicates in the input stay apart), an edited prompt or another model
/// or option is a new one. The name is stable across processes and machines
/// given the same inputs in the same order, so a rerun finds its journal
/// lines, and shards agree on who takes what.
/// </summary>
public sealed class RequestKeys
{
    /// <summary>"evolink-" and 40 hex digits: inside the gateway's 16 to 96 characters of [A-Za-z0-9._-] with room for a retry count.</summary>
    private const int HexDigits = 40;

    /// <summary>How many times each body was sent so far, by the part of its hash the key is made from: held for the whole run.</summary>
    private readonly Dictionary<Content, int> _occurrences = new();

    /// <summary>
    /// The first 16 bytes of a body's SHA-256 (the 32 hex digits its key is made from) and whether it is streamed,
    /// as plain numbers: a run of many thousand requests keeps one entry each, and entries that are objects of their
    /// own would outlive the youngest collections and make every later one dearer.
    /// </summary>
    private readonly struct Content : IEquatable<Content>
    {
        private readonly ulong _high;
        private readonly ulong _low;
        private readonly bool _streamed;

        public Content(byte[] hash, bool streamed)
        {
            _high = BitConverter.ToUInt64(hash, 0);
            _low = BitConverter.ToUInt64(hash, 8);
            _streamed = streamed;
        }

        public bool Equals(Content other) => _high == other._high && _low == other._low && _streamed == other._streamed;
        public override bool Equals(object? obj) => obj is Content other && Equals(other);
        public override int GetHashCode() => unchecked((int)_high ^ (int)(_high >> 32) ^ (_streamed ? 1 : 0));
    }

    /// <summary>The key of the next request with this body (the exact bytes sent), and how it is sent (a stream is another request).</summary>
    public string Next(byte[] requestBody, bool streamed = false)
    {
        var hash = Sha256(requestBody);
        var content = new Content(hash, streamed);
        _occurrences.TryGetValue(content, out var earlier);
        var occurrence = earlier + 1;
        _occurrences[content] = occurrence;
        var named = Hex(hash, 32) + (streamed ? "/stream#" : "#") + occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "evolink-" + Hex(Sha256(Encoding.UTF8.GetBytes(named)), HexDigits);
    }

    /// <summary>
    /// The idempotency key a request is sent with: its own key the first
    /// time; after recorded failures a new one per failure (a gateway may
    /// keep a failed answer under a key and replay it), still the same in
    /// every process that read the same journal.
    /// </summary>
    public static string IdempotencyKey(string requestKey, int recordedFailures) =>
        recordedFailures == 0 ? requestKey : requestKey + "." + recordedFailures.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A number in [0, 2^32) from a key, the same everywhere: what a shard is chosen by.</summary>
    internal static uint Spread(string requestKey)
    {
        var hash = Sha256(Encoding.UTF8.GetBytes(requestKey));
        return (uint)(hash[0] << 24 | hash[1] << 16 | hash[2] << 8 | hash[3]);
    }

    private static byte[] Sha256(byte[] data)
    {
#if NET
        return SHA256.HashData(data);
#else
        using var sha = SHA256.Create();
        return sha.ComputeHash(data);
#endif
    }

    private static string Hex(byte[] bytes, int digits)
    {
        const string alphabet = "0123456789abcdef";
        var text = new char[digits];
        for (var i = 0; i < digits; i++)
            text[i] = alphabet[(bytes[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF];
        return new string(text);
    }
}
