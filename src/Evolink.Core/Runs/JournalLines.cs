using System;
using System.Collections.Generic;
using System.IO;

namespace Evolink.Runs;

/// <summary>A journal file's lines, read in blocks from its start: never the whole file in memory.</summary>
internal static class JournalLines
{
    /// <summary>
    /// Each line (without its newline) with where it starts, and whether its newline was written; only as far
    /// as the file reached when the reading began (a device that never ends is read no further than its size).
    /// </summary>
    public static IEnumerable<(long Offset, byte[] Line, bool Terminated)> Read(Stream file)
    {
        file.Position = 0;
        var end = file.Length;
        var block = new byte[64 * 1024];
        var pending = new MemoryStream();
        long lineStart = 0;
        long read = 0;
        int count;
        while (read < end && (count = file.Read(block, 0, (int)Math.Min(block.Length, end - read))) > 0)
        {
            var from = 0;
            for (var i = 0; i < count; i++)
            {
                if (block[i] != (byte)'\n')
                    continue;
                pending.Write(block, from, i - from);
                yield return (lineStart, pending.ToArray(), true);
                pending.SetLength(0);
                lineStart = read + i + 1;
                from = i + 1;
            }
            pending.Write(block, from, count - from);
            read += count;
        }
        if (pending.Length > 0)
            yield return (lineStart, pending.ToArray(), false);
    }

    /// <summary>The bytes of one line at a known place.</summary>
    public static byte[] At(Stream file, long offset, int length)
    {
        var line = new byte[length];
        file.Position = offset;
        var at = 0;
        while (at < length)
        {
            var count = file.Read(line, at, length - at);
            if (count == 0)
                break;
            at += count;
        }
        return line;
    }
}
