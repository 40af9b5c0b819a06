using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using Evolink.Files;

namespace Evolink.Configuration;

/// <summary>
/// Reads and writes the per-user configuration file: JSON in the user's
/// configuration folder (or where EVOLINK_CONFIG points), written atomically
/// so a crash mid-write never leaves half a file.
/// </summary>
public sealed class ConfigurationStore
{
    public const string PathVariable = "EVOLINK_CONFIG";

    public ConfigurationStore(string path) => Path = path;

    public string Path { get; }

    /// <summary>The file's place: EVOLINK_CONFIG, else config.json in the user's configuration folder (<see cref="UserFolders"/>).</summary>
    public static string DefaultPath(Func<string, string?> environment, bool isWindows, string home)
    {
        var explicitPath = environment(PathVariable);
        return !string.IsNullOrWhiteSpace(explicitPath) ? explicitPath! : System.IO.Path.Combine(new UserFolders(environment, isWindows, home).Configuration, "config.json");
    }

    public static ConfigurationStore ForCurrentUser() => new(DefaultPath(
        Environment.GetEnvironmentVariable,
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)));

    /// <summary>
    /// The saved configuration, or an empty one when there is no file. A file
    /// that cannot be read is not fatal, and neither is a bad field:
    /// <paramref name="problem"/> says what is wrong and where, and the
    /// defaults are used for what could not be read.
    /// </summary>
    public EvolinkConfiguration Load(out ConfigurationProblem? problem)
    {
        problem = null;
        if (!File.Exists(Path))
            return new EvolinkConfiguration { Path = Path };
        try
        {
            var problems = new System.Collections.Generic.List<string>();
            var configuration = ConfigurationJson.Read(File.ReadAllText(Path), problems);
            configuration.Path = Path;
            if (problems.Count > 0)
                problem = new ConfigurationProblem(Path, $"The Evolink configuration file '{Path}' has values that are ignored: {string.Join("; ", problems)}.", unreadable: false);
            return configuration;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException or UriFormatException)
        {
            problem = new ConfigurationProblem(Path,
                $"The Evolink configuration file '{Path}' could not be read ({ex.Message}); it is ignored and the defaults are used.", unreadable: true);
            return new EvolinkConfiguration { Path = Path };
        }
    }

    /// <summary>
    /// Loads, changes and saves in one step, holding a lock file so that two
    /// sessions saving at once do not lose each other's changes. Nothing is
    /// written when <paramref name="change"/> says nothing changed, nor over
    /// a file that could not be read (its problem is reported instead).
    /// </summary>
    public bool Update(Func<EvolinkConfiguration, bool> change, out ConfigurationProblem? problem)
    {
        using var held = FileLock.Acquire(UserFolders.Current.LockFor(Path), TimeSpan.FromSeconds(10));
        var configuration = Load(out problem);
        if (problem is { Unreadable: true })
            return false;
        if (!change(configuration))
            return false;
        Save(configuration);
        return true;
    }

    /// <summary>Saves atomically, readable by this user only: a reader sees the old file or the new one, never half of one.</summary>
    public void Save(EvolinkConfiguration configuration) =>
        AtomicFile.WriteAllText(Path, ConfigurationJson.Write(configuration) + "\n");
}
