using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Evolink.Chat;
using Evolink.Credentials;
using Evolink.Files;

namespace Evolink.History;

/// <summary>
/// The opt-in history: line-delimited JSON, one call per line, in the user's
/// data folder (or where EVOLINK_HISTORY_PATH points). Appends from several
/// sessions and processes at once go through a lock file and one write each,
/// so no line is lost or torn; past the size limit the oldest half is
/// dropped. Plain text a person can read, grep and archive as a CI artefact,
/// and searched by streaming the file (no index to keep in step).
/// </summary>
public sealed partial class HistoryStore
{
    public const string PathVariable = "EVOLINK_HISTORY_PATH";

    /// <summary>Past this size, an append first drops the oldest entries down to half of it.</summary>
    public const long DefaultMaximumBytes = 256L * 1024 * 1024;

    // Non-ASCII text kept as it is, so a search finds it in the raw line before any parsing.
    private static readonly HistoryJsonContext Lines = new(new JsonSerializerOptions(HistoryJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public HistoryStore(string path, long maximumBytes = DefaultMaximumBytes)
    {
        Path = path;
        MaximumBytes = maximumBytes;
    }

    public string Path { get; }
    public long MaximumBytes { get; }

    /// <summary>EVOLINK_HISTORY_PATH, else %LOCALAPPDATA%\Evolink on Windows, else $XDG_DATA_HOME/evolink or ~/.local/share/evolink.</summary>
    public static string DefaultPath(Func<string, string?> environment, bool isWindows, string home)
    {
        var explicitPath = environment(PathVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return explicitPath!;
        return System.IO.Path.Combine(new UserFolders(environment, isWindows, home).Data, "history.jsonl");
    }

    public static HistoryStore ForCurrentUser() => new(DefaultPath(
        Environment.GetEnvironmentVariable,
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)));

    /// <summary>Appends one entry as one line, with the key taken out of everything in it.</summary>
    public void Append(HistoryEntry entry, SecretRedactor redactor)
    {
        var line = redactor.Redact(JsonSerializer.Serialize(entry, Lines.HistoryEntry))!;
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        using var held = FileLock.Acquire(UserFolders.Current.LockFor(Path), TimeSpan.FromSeconds(10));
        if (File.Exists(Path) && new FileInfo(Path).Length + bytes.Length > MaximumBytes)
            DropOldest();
        using var file = AtomicFile.OpenForAppend(Path);
        file.Write(bytes, 0, bytes.Length);
    }

    /// <summary>
    /// The entries that match, oldest first; a line that cannot be read is
    /// skipped, never fatal. With <see cref="HistoryQuery.Last"/> the file is
    /// read from its end and the search stops once it has enough.
    /// </summary>
    public IEnumerable<HistoryEntry> Find(HistoryQuery query)
    {
        if (!File.Exists(Path))
            return Array.Empty<HistoryEntry>();
        var test = new LineTest(query);
        if (query.Last is not { } last)
            return ForwardLines().Select(test.Read).Where(e => e is not null).Select(e => e!).ToList();
        var newest = new List<HistoryEntry>();
        foreach (var line in BackwardLines())
        {
            if (newest.Count == last)
                break;
            if (test.Read(line) is { } entry)
                newest.Add(entry);
        }
        newest.Reverse();
        return newest;
    }

    private static bool Matches(HistoryEntry entry, HistoryQuery query, string? text, Regex? model)
    {
        if (query.FailedOnly && !entry.Failed)
            return false;
        if (query.After is { } after && entry.Time < after)
            return false;
        if (query.Before is { } before && entry.Time >= before)
            return false;
        if (model is not null && !(entry.Model is not null && model.IsMatch(entry.Model) || entry.AnsweredBy is not null && model.IsMatch(entry.AnsweredBy)))
            return false;
        if (text is null)
            return true;
        bool Has(string? value) => value is not null && value.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0;
        return Has(entry.Reply) || entry.Messages.Any(m => m.Role != ChatRole.Assistant && Has(m.Content?.ToString()));
    }

    /// <summary>Removes the entries before a time (all of them when null); returns how many went. The file is streamed, never read whole.</summary>
    public int Clear(DateTimeOffset? before)
    {
        using var held = FileLock.Acquire(UserFolders.Current.LockFor(Path), TimeSpan.FromSeconds(10));
        if (!File.Exists(Path))
            return 0;
        var removed = 0;
        AtomicFile.Write(Path, target =>
        {
            using var writer = new StreamWriter(target, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
            foreach (var line in ForwardLines())
            {
                if (line.Length == 0)
                    continue;
                if (before is null || (Time(line) is { } time && time < before))
                    removed++;
                else
                    writer.WriteLine(line);
            }
        });
        return removed;
    }

    /// <summary>Keeps the newest half of the size limit: the file's tail from the first line that starts there, copied as bytes.</summary>
    private void DropOldest() => AtomicFile.Write(Path, target =>
    {
        // Read and closed before the new file replaces it.
        using var source = Open();
        source.Position = Math.Max(0, source.Length - MaximumBytes / 2);
        // Past the partial line the cut fell in (a '\n' byte never occurs inside a UTF-8 character).
        if (source.Position > 0)
        {
            int next;
            while ((next = source.ReadByte()) >= 0 && next != '\n')
            {
            }
        }
        source.CopyTo(target);
    });

    private static DateTimeOffset? Time(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, Lines.HistoryEntry)?.Time;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Regex Wildcard(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
