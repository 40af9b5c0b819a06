using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Credentials;
using Evolink.Files;

namespace Evolink.Account;

/// <summary>
/// Model ids for tab completion: from the gateway, cached per base URI and
/// key for the session and on disk with an expiry. The disk cache is keyed
/// by a hash of the key, never the key. A slow or unreachable gateway never
/// holds up the prompt: after a short wait the cached or documented ids are
/// used, and the answer still fills the cache when it comes.
/// </summary>
public sealed class ModelCatalog
{
    /// <summary>The ids the vendor's pages document, for when nothing better is known.</summary>
    public static readonly IReadOnlyList<string> DocumentedIds = new[]
    {
        "evolink/auto", "gemini-2.5-flash", "gemini-2.5-pro", "gemini-3.1-pro-preview-customtools", "gpt-5.2", "deepseek-chat", "deepseek-reasoner",
    };

    private readonly ConcurrentDictionary<string, Entry> _memory = new();
    private readonly string? _cacheFolder;
    private readonly Func<DateTimeOffset> _now;

    public ModelCatalog(string? cacheFolder, TimeSpan expiry, Func<DateTimeOffset>? now = null)
    {
        _cacheFolder = cacheFolder;
        Expiry = expiry;
        _now = now ?? (() => DateTimeOffset.UtcNow);
    }

    public TimeSpan Expiry { get; }

    /// <summary>The cache's name for a base URI and key: a hash, so no file or log ever holds the key.</summary>
    public static string CacheKey(Uri baseUri, EvolinkApiKey key) => CacheKey(baseUri, key.Reveal());

    internal static string CacheKey(Uri baseUri, string apiKey)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(baseUri.GetLeftPart(UriPartial.Authority) + "\n" + apiKey));
        return BitConverter.ToString(hash, 0, 12).Replace("-", string.Empty).ToLowerInvariant();
    }

    /// <summary>The best ids known within <paramref name="wait"/>: fresh from the gateway, else cached (even expired), else the documented ones.</summary>
    public async Task<IReadOnlyList<string>> GetIdsAsync(string cacheKey, Func<CancellationToken, Task<IReadOnlyList<string>>> fetch, TimeSpan wait)
    {
        var cached = Find(cacheKey);
        if (cached is not null && _now() - cached.FetchedAt < Expiry)
            return cached.Ids;

        var fetching = RefreshAsync(cacheKey, fetch);
        var finished = await Task.WhenAny(fetching, Task.Delay(wait)).ConfigureAwait(false);
        if (finished == fetching && fetching.Status == TaskStatus.RanToCompletion && fetching.Result is { } fresh)
            return fresh;
        return cached?.Ids ?? DocumentedIds;
    }

    /// <summary>
    /// An id worth offering: some text, not too long, and no control
    /// characters (an escape sequence could draw over the prompt). One bad id
    /// from the gateway is dropped; it never empties the list.
    /// </summary>
    /// <summary>An id to offer: short, and with no control or format character (no escape sequence, no bidirectional override, nothing invisible).</summary>
    public static bool IsUsableId(string? id) => !string.IsNullOrWhiteSpace(id) && id!.Length <= 200
        && !id.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);

    private async Task<IReadOnlyList<string>?> RefreshAsync(string cacheKey, Func<CancellationToken, Task<IReadOnlyList<string>>> fetch)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var ids = (await fetch(limit.Token).ConfigureAwait(false)).Where(IsUsableId).Distinct().OrderBy(id => id, StringComparer.OrdinalIgnoreCase).ToList();
            var entry = new Entry { Ids = ids, FetchedAt = _now() };
            _memory[cacheKey] = entry;
            Save(cacheKey, entry);
            return ids;
        }
        catch (Exception)
        {
            // Completion must never fail: the caller falls back to what is cached or documented.
            return null;
        }
    }

    private Entry? Find(string cacheKey)
    {
        if (_memory.TryGetValue(cacheKey, out var entry))
            return entry;
        if (_cacheFolder is null)
            return null;
        try
        {
            var path = Path.Combine(_cacheFolder, $"models-{cacheKey}.json");
            if (!File.Exists(path))
                return null;
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            entry = new Entry
            {
                FetchedAt = DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("fetched").GetInt64()),
                Ids = root.GetProperty("ids").EnumerateArray().Where(id => id.ValueKind == JsonValueKind.String).Select(id => id.GetString()!).Where(IsUsableId).ToList(),
            };
            _memory[cacheKey] = entry;
            return entry;
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException or InvalidOperationException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void Save(string cacheKey, Entry entry)
    {
        if (_cacheFolder is null)
            return;
        try
        {
            var json = new StringBuilder("{\"fetched\":").Append(entry.FetchedAt.ToUnixTimeSeconds()).Append(",\"ids\":[");
            json.Append(string.Join(",", entry.Ids.Select(id => JsonSerializer.Serialize(id, AccountJsonContext.Default.String))));
            json.Append("]}");
            AtomicFile.WriteAllText(Path.Combine(_cacheFolder, $"models-{cacheKey}.json"), json.ToString());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs a later fetch.
        }
    }

    private sealed class Entry
    {
        public IReadOnlyList<string> Ids { get; set; } = Array.Empty<string>();
        public DateTimeOffset FetchedAt { get; set; }
    }
}
