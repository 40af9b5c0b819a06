using System;
using System.IO;
using System.Threading;
using Evolink.Errors;

namespace Evolink.Files;

/// <summary>
/// A lock between processes: a file opened for exclusive use, retried for a
/// bounded time. Held for a read-modify-write of the configuration or the history. The
/// file stays: deleting it on close would let two waiters lock two files.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public static FileLock Acquire(string path, TimeSpan wait)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }
            catch (IOException ex)
            {
                throw new EvolinkException(EvolinkErrorKind.Configuration,
                    $"Another session has held the lock '{path}' for {wait.TotalSeconds:0} s. Try again; if no other session is saving, delete that file.", ex);
            }
        }
    }

    /// <summary>The lock if no one else holds it, else null at once: for a holder that keeps it for a whole run.</summary>
    public static FileLock? TryAcquire(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        try
        {
            return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
