using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Evolink.Chat;
using Evolink.Credentials;
using Evolink.Errors;
using Evolink.Files;

namespace Evolink.Runs;

/// <summary>
/// A run's journal: one line per input's outcome, appended the moment it is
/// known, so a rerun sends only what has no answer yet. Opened by one
/// process at a time (a second is refused, never interleaved); a torn last
/// line (a crash mid-write) is dropped and reported; anything else that is
/// not a journal line stops the run before anything is sent. Only each
/// line's key, place and size are held in memory; a recorded answer's body
/// is read back from the file when its input comes.
/// </summary>
public sealed class RunJournal : IDisposable
{
    private readonly Dictionary<string, Recorded> _recorded = new(StringComparer.Ordinal);
    private readonly SecretRedactor _redactor;
    private readonly IDisposable _lock;
    private readonly FileStream _file;
    private readonly object _gate = new();

    private RunJournal(string path, SecretRedactor redactor, IDisposable held, FileStream file)
    {
        Path = path;
        _redactor = redactor;
        _lock = held;
        _file = file;
    }

    /// <summary>Where a line of an input is in the file, and what its outcome was.</summary>
    private sealed class Recorded
    {
        public long Offset;
        public int Length;
        public bool Answered;

        /// <summary>Idempotency keys the gateway gave a final refusal under: the next send uses a new one.</summary>
        public int SpentKeys;
    }

    public string Path { get; }

    /// <summary>Inputs answered in earlier runs.</summary>
    public int Answered { get; private set; }

    /// <summary>Failed outcomes recorded (an input tried three times and failed counts three).</summary>
    public int Failures { get; private set; }

    /// <summary>Tokens the recorded outcomes spent, as the gateway reported them.</summary>
    public long SpentTokens { get; private set; }

    /// <summary>When the file ended in a cut-off line (a crash mid-write): what was dropped, said once.</summary>
    public string? Repaired { get; private set; }

    /// <summary>Opens or creates a journal; refuses a file that is not one, or one another process has open.</summary>
    public static RunJournal Open(string path, SecretRedactor redactor)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw Problem($"'{path}' is a folder; a journal is a file.", EvolinkRemedy.ChooseJournal);
        var held = FileLock.TryAcquire(UserFolders.Current.LockFor(full))
            ?? throw Problem($"The journal '{path}' is in use by another run. Two runs on one journal would send the same inputs twice.", EvolinkRemedy.JournalInUse);
        FileStream? file = null;
        try
        {
            file = OpenFile(full);
            var journal = new RunJournal(full, redactor, held, file);
            journal.Index();
            return journal;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            file?.Dispose();
            held.Dispose();
            throw Problem($"The journal '{path}' cannot be opened for writing: {ex.Message}", EvolinkRemedy.WritableJournal, ex);
        }
        catch
        {
            file?.Dispose();
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Each line is one write straight to the system: nothing waits in a buffer for a crash to lose, and a
    /// write that failed leaves nothing behind to fail again on close.
    /// </summary>
    private const int Unbuffered = 1;

    private static FileStream OpenFile(string full)
    {
        var folder = System.IO.Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
#if NET
        if (!OperatingSystem.IsWindows())
            return new FileStream(full, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.Read,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite, BufferSize = Unbuffered,
            });
#endif
        return new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, Unbuffered);
    }

    /// <summary>Reads every line's summary, streaming, and leaves the file positioned to append.</summary>
    private void Index()
    {
        var lineNumber = 0;
        long goodEnd = 0;
        foreach (var (offset, line, terminated) in JournalLines.Read(_file))
        {
            lineNumber++;
            if (line.Length == 0 && terminated)
            {
                goodEnd = offset + 1;
                continue;
            }
            var summary = JournalLine.Read(line, out var problem);
            if (summary is null)
            {
                if (!terminated && lineNumber > 1)
                {
                    Repaired = $"The last line of the journal '{Path}' was cut off (a run stopped while writing it); it is dropped and its input is sent again.";
                    break;
                }
                throw Problem(lineNumber == 1
                    ? $"'{Path}' is not an Evolink journal{(problem is null ? string.Empty : ": " + problem)}. Nothing was sent."
                    : $"Line {lineNumber} of the journal '{Path}' is not a journal line{(problem is null ? string.Empty : ": " + problem)}. Nothing was sent.",
                    EvolinkRemedy.ChooseJournal);
            }
            if (!terminated)
            {
                // A whole line whose newline never reached the disk: kept, and ended before the next append.
                Add(summary.Value, offset, line.Length);
                goodEnd = offset + line.Length;
                _file.SetLength(goodEnd);
                _file.Position = goodEnd;
                _file.WriteByte((byte)'\n');
                _file.Flush();
                goodEnd++;
                break;
            }
            Add(summary.Value, offset, line.Length);
            goodEnd = offset + line.Length + 1;
        }
        if (_file.Length != goodEnd)
        {
            _file.SetLength(goodEnd);
            _file.Flush();
        }
        _file.Position = goodEnd;
    }

    private void Add(JournalLine.Summary summary, long offset, int length)
    {
        SpentTokens += summary.Tokens;
        var known = Entry(summary.Key);
        if (summary.Answered)
        {
            if (!known.Answered)
                Answered++;
            known.Answered = true;
            known.Offset = offset;
            known.Length = length;
        }
        else
        {
            Failures++;
            if (summary.SpentKey)
                known.SpentKeys++;
        }
    }

    private Recorded Entry(string requestKey)
    {
        if (!_recorded.TryGetValue(requestKey, out var known))
            _recorded[requestKey] = known = new Recorded();
        return known;
    }

    /// <summary>The idempotency key this request is sent with now: its own, or a new one per final refusal recorded for it.</summary>
    public string IdempotencyKeyOf(string requestKey)
    {
        lock (_gate)
            return RequestKeys.IdempotencyKey(requestKey, _recorded.TryGetValue(requestKey, out var known) ? known.SpentKeys : 0);
    }

    /// <summary>The answer an earlier run recorded for this request, read back from the file; null when there is none.</summary>
    public ChatResponse? AnswerOf(string requestKey)
    {
        byte[] line;
        lock (_gate)
        {
            if (!_recorded.TryGetValue(requestKey, out var known) || !known.Answered)
                return null;
            var end = _file.Position;
            line = JournalLines.At(_file, known.Offset, known.Length);
            _file.Position = end;
        }
        var response = JournalLine.Body(line);
        if (response is not null)
            response.FromJournal = true;
        return response;
    }

    public void RecordAnswer(string requestKey, long position, string idempotencyKey, ChatResponse response) =>
        Append(position, json => JournalLine.Answer(json, requestKey, position, idempotencyKey, response, DateTimeOffset.UtcNow));

    public void RecordFailure(string requestKey, long position, string idempotencyKey, EvolinkException error)
    {
        Append(position, json => JournalLine.Failure(json, requestKey, position, idempotencyKey, error, DateTimeOffset.UtcNow));
        // A final refusal moves the request to a new idempotency key for any later attempt, in this run too.
        if (new JournalLine.Summary(requestKey, position, false, 0, (error as EvolinkApiException)?.StatusCode).SpentKey)
        {
            lock (_gate)
                Entry(requestKey).SpentKeys++;
        }
    }

    // One buffer and one writer for every line, used under the lock: a line costs no allocation of its own.
    private readonly MemoryStream _line = new(2048);
    private Utf8JsonWriter? _json;

    /// <summary>The line <paramref name="write"/> writes, with its newline, in the shared buffer; the key taken out of it.</summary>
    private ArraySegment<byte> Line(Action<Utf8JsonWriter> write)
    {
        _line.SetLength(0);
        if (_json is null)
            _json = new Utf8JsonWriter(_line);
        else
            _json.Reset(_line);
        write(_json);
        _json.Flush();
        _line.WriteByte((byte)'\n');
        var line = new ArraySegment<byte>(_line.GetBuffer(), 0, (int)_line.Length);
        // The key is taken out of everything that may have carried it (a proxy's error text, a reply echoing it).
        if (_redactor.MayAppearIn(line))
            line = new ArraySegment<byte>(Encoding.UTF8.GetBytes(_redactor.Redact(Encoding.UTF8.GetString(line.Array!, 0, line.Count))!));
        return line;
    }

    /// <summary>
    /// One write of one whole line, handed to the system before the outcome goes on: a process killed at any moment
    /// loses nothing it recorded. After a failed write nothing more is taken, so a run stops instead of paying for
    /// answers nobody keeps. An answer is not indexed in memory: a run plans each key once, before its outcome is
    /// known, so the answers it records are read only by the next run (indexing them would hold an entry per request
    /// for the whole run, which every collection then walks).
    /// </summary>
    private void Append(long position, Action<Utf8JsonWriter> write)
    {
        lock (_gate)
        {
            if (_writeFailure is { } earlier)
                throw Problem(earlier.Message, EvolinkRemedy.WritableJournal, earlier.InnerException);
            var line = Line(write);
            var offset = _file.Position;
            try
            {
                _file.Write(line.Array!, line.Offset, line.Count);
                _file.Flush();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Nothing half-written stays: the next run must be able to read every line.
                try
                {
                    _file.SetLength(offset);
                    _file.Position = offset;
                }
                catch (IOException)
                {
                }
                _writeFailure = Problem($"The journal '{Path}' could not be written: {ex.Message} Not recorded: input {position}.", EvolinkRemedy.WritableJournal, ex);
                throw _writeFailure;
            }
        }
    }

    private EvolinkException? _writeFailure;

    private static EvolinkException Problem(string message, EvolinkRemedy remedy, Exception? cause = null) =>
        new(EvolinkErrorKind.Journal, message, cause, remedy);

    public void Dispose()
    {
        lock (_gate)
        {
            _json?.Dispose();
            _file.Dispose();
            _lock.Dispose();
        }
    }
}
