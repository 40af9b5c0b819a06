using System;
using System.Collections.Generic;
using System.IO;
using Evolink.Chat;
using Evolink.Errors;
using Evolink.Files;

namespace Evolink.Runs;

/// <summary>
/// Shard journals (or the journals of several runs over the same inputs)
/// back into one result set in input order: for each input, its answer if
/// any journal has one, else its last recorded failure. Only where each
/// outcome sits is held in memory; bodies are read as they are handed out.
/// </summary>
public sealed class JournalMerge
{
    private readonly List<string> _paths = new();
    private readonly Dictionary<string, Place> _best = new(StringComparer.Ordinal);

    private sealed class Place
    {
        public int File;
        public long Offset;
        public int Length;
        public long Position;
        public bool Answered;
    }

    /// <summary>Reads the journals' lines; a file that is not a journal is refused, naming it, before anything is written.</summary>
    public JournalMerge(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var index = _paths.Count;
            _paths.Add(path);
            using var file = OpenRead(path);
            var lineNumber = 0;
            foreach (var (offset, line, terminated) in JournalLines.Read(file))
            {
                lineNumber++;
                if (line.Length == 0)
                    continue;
                var summary = JournalLine.Read(line, out var problem);
                if (summary is null)
                {
                    // A cut-off last line is what a killed run leaves: its input has no outcome here.
                    if (!terminated && lineNumber > 1)
                        break;
                    throw new EvolinkException(EvolinkErrorKind.Journal,
                        $"Line {lineNumber} of '{path}' is not a journal line{(problem is null ? string.Empty : ": " + problem)}.", remedy: EvolinkRemedy.ChooseJournal);
                }
                var found = summary.Value;
                if (_best.TryGetValue(found.Key, out var known) && known.Answered)
                    continue;
                _best[found.Key] = new Place { File = index, Offset = offset, Length = line.Length, Position = found.Position, Answered = found.Answered };
            }
        }
    }

    /// <summary>How many inputs have an outcome in any of the journals.</summary>
    public int Count => _best.Count;

    /// <summary>Each input's outcome in input order (by position, then key).</summary>
    public IEnumerable<JournalOutcome> Outcomes()
    {
        var places = new List<KeyValuePair<string, Place>>(_best);
        places.Sort((a, b) => a.Value.Position != b.Value.Position ? a.Value.Position.CompareTo(b.Value.Position) : string.CompareOrdinal(a.Key, b.Key));
        var files = new FileStream?[_paths.Count];
        try
        {
            foreach (var pair in places)
            {
                var (key, place) = (pair.Key, pair.Value);
                var file = files[place.File] ??= OpenRead(_paths[place.File]);
                var line = JournalLines.At(file, place.Offset, place.Length);
                yield return place.Answered
                    ? new JournalOutcome(key, place.Position, line, MarkRecorded(JournalLine.Body(line)), null)
                    : new JournalOutcome(key, place.Position, line, null, JournalLine.Failure(line));
            }
        }
        finally
        {
            foreach (var file in files)
                file?.Dispose();
        }
    }

    /// <summary>Writes the merged set as one journal (a later run can resume from it); the file appears whole or not at all.</summary>
    public void WriteTo(string path)
    {
        AtomicFile.Write(path, stream =>
        {
            foreach (var outcome in Outcomes())
            {
                stream.Write(outcome.Line, 0, outcome.Line.Length);
                stream.WriteByte((byte)'\n');
            }
        });
    }

    private static ChatResponse? MarkRecorded(ChatResponse? response)
    {
        if (response is not null)
            response.FromJournal = true;
        return response;
    }

    private static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EvolinkException(EvolinkErrorKind.Journal, $"The journal '{path}' cannot be read: {ex.Message}", ex, EvolinkRemedy.ChooseJournal);
        }
    }
}
