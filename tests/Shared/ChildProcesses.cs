using System;
using System.IO;
using System.Linq;

namespace Evolink.Testing;

/// <summary>Whether a process started by a test is still there: the tests mark its command line and look in Linux's /proc.</summary>
internal static class ChildProcesses
{
    /// <summary>How many processes have the marker in their command line.</summary>
    public static int With(string marker) => Directory.GetDirectories("/proc").Count(folder =>
    {
        try
        {
            return int.TryParse(Path.GetFileName(folder), out _) && File.ReadAllText(Path.Combine(folder, "cmdline")).Contains(marker, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    });
}
