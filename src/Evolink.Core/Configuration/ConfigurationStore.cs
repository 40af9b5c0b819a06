using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Evolink;

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

    /// <summary>The file's place: EVOLINK_CONFIG, else %APPDATA%\Evolink on Windows, else $XDG_CONFIG_HOME/evolink or ~/.config/evolink (Linux and macOS, as PowerShell itself does).</summary>
    public static string DefaultPath(Func<string, string?> environment, bool isWindows, string home)
    {
        var explicitPath = environment(PathVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return explicitPath!;
        if (isWindows)
        {
            var appData = environment("APPDATA");
            var root = string.IsNullOrWhiteSpace(appData) ? System.IO.Path.Combine(home, "AppData", "Roaming") : appData!;
            return System.IO.Path.Combine(root, "Evolink", "config.json");
        }
        var xdg = environment("XDG_CONFIG_HOME");
        var configRoot = string.IsNullOrWhiteSpace(xdg) ? System.IO.Path.Combine(home, ".config") : xdg!;
        return System.IO.Path.Combine(configRoot, "evolink", "config.json");
    }

    public static ConfigurationStore ForCurrentUser() => new(DefaultPath(
        Environment.GetEnvironmentVariable,
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)));

    /// <summary>
    /// The saved configuration, or an empty one when there is no file. A file
    /// that cannot be read is not fatal: <paramref name="problem"/> says what
    /// is wrong and where, and the defaults are used.
    /// </summary>
    public EvolinkConfiguration Load(out string? problem)
    {
        problem = null;
        if (!File.Exists(Path))
            return new EvolinkConfiguration { Path = Path };
        try
        {
            var configuration = JsonSerializer.Deserialize(File.ReadAllText(Path), ConfigurationJsonContext.Default.EvolinkConfiguration)
                ?? new EvolinkConfiguration();
            configuration.Path = Path;
            return configuration;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            problem = $"The Evolink configuration file '{Path}' could not be read ({ex.Message}); it is ignored and the defaults are used. " +
                      "Fix or delete it, or save a new one with Set-EvolinkConfiguration.";
            return new EvolinkConfiguration { Path = Path };
        }
    }

    /// <summary>Loads, changes and saves in one step; nothing is written when <paramref name="change"/> says nothing changed.</summary>
    public bool Update(Func<EvolinkConfiguration, bool> change, out string? problem)
    {
        var configuration = Load(out problem);
        if (!change(configuration))
            return false;
        Save(configuration);
        return true;
    }

    /// <summary>Saves atomically: a reader sees the old file or the new one, never half of one.</summary>
    public void Save(EvolinkConfiguration configuration) =>
        AtomicFile.WriteAllText(Path, JsonSerializer.Serialize(configuration, ConfigurationJsonContext.Default.EvolinkConfiguration) + "\n");
}
