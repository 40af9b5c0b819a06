using System;
using System.IO;
using System.Text;

namespace Evolink;

/// <summary>
/// Writes a file so that a reader sees the old content or the new, never a
/// half-written one, and a crash mid-write loses nothing: the text goes to a
/// temporary file beside the target, which is then renamed over it.
/// </summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(false));
            Replace(temporary, full);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    private static void Replace(string source, string target)
    {
#if NET
        File.Move(source, target, overwrite: true);
#else
        if (File.Exists(target))
            File.Replace(source, target, null);
        else
            File.Move(source, target);
#endif
    }
}
