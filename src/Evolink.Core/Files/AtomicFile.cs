using System;
using System.IO;
using System.Text;

namespace Evolink.Files;

/// <summary>
/// Writes a user's file (configuration, saved conversation, model cache) so
/// that a reader sees the old content or the new, never a half-written one:
/// the text goes to a temporary file beside the target, which is then
/// renamed over it. On Linux and macOS the file is the user's alone (0600,
/// in a 0700 folder it creates), an existing file keeps its mode, and a
/// symbolic link keeps pointing where it did, with its target rewritten.
/// </summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var bytes = new UTF8Encoding(false).GetBytes(text);
        Write(path, stream => stream.Write(bytes, 0, bytes.Length));
    }

    /// <summary>The same, for content written as a stream (a large file is never held in memory whole).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = FinalTarget(Path.GetFullPath(path));
        var directory = Path.GetDirectoryName(full)!;
        CreatePrivateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Write(temporary, write, full);
            Replace(temporary, full);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>Opens a file to append to, in a folder only this user can enter, made readable by this user only when it is new.</summary>
    public static FileStream OpenForAppend(string path)
    {
        var full = Path.GetFullPath(path);
        CreatePrivateDirectory(Path.GetDirectoryName(full)!);
#if NET
        if (!OperatingSystem.IsWindows())
            return new FileStream(full, new FileStreamOptions
            {
                Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
#endif
        return new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }

    /// <summary>Where a symbolic link leads, so the rename replaces the file and not the link.</summary>
    private static string FinalTarget(string path)
    {
#if NET
        var info = new FileInfo(path);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            return target.FullName;
#endif
        return path;
    }

    private static void CreatePrivateDirectory(string directory)
    {
#if NET
        if (!OperatingSystem.IsWindows() && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return;
        }
#endif
        Directory.CreateDirectory(directory);
    }

    /// <summary>The new file is made with the old one's mode, or 0600 when there was none, so it is never readable by others, even briefly.</summary>
    private static void Write(string temporary, Action<Stream> write, string target)
    {
#if NET
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.Exists(target) ? File.GetUnixFileMode(target) : UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode }))
                write(stream);
            // The process's umask may have narrowed the mode at creation; set it exactly.
            File.SetUnixFileMode(temporary, mode);
            return;
        }
#endif
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            write(stream);
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
