using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Evolink.Files;

/// <summary>
/// Where the module keeps its files for the user, by each platform's rule, decided
/// here once: settings in the configuration folder (%APPDATA% on Windows,
/// $XDG_CONFIG_HOME or ~/.config elsewhere, as PowerShell itself does), kept
/// data in the data folder (%LOCALAPPDATA%, $XDG_DATA_HOME or ~/.local/share),
/// and what can be thrown away (caches, lock files) in the cache folder
/// (%LOCALAPPDATA%\Evolink\Cache, $XDG_CACHE_HOME or ~/.cache).
/// </summary>
public sealed class UserFolders
{
    private readonly Func<string, string?> _environment;
    private readonly bool _isWindows;
    private readonly string _home;

    public UserFolders(Func<string, string?> environment, bool isWindows, string home)
    {
        _environment = environment;
        _isWindows = isWindows;
        _home = home;
    }

    public static UserFolders Current => new(Environment.GetEnvironmentVariable, RuntimeInformation.IsOSPlatform(OSPlatform.Windows),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    public string Configuration => _isWindows
        ? Path.Combine(Or("APPDATA", Path.Combine(_home, "AppData", "Roaming")), "Evolink")
        : Path.Combine(Or("XDG_CONFIG_HOME", Path.Combine(_home, ".config")), "evolink");

    public string Data => _isWindows
        ? Path.Combine(Or("LOCALAPPDATA", Path.Combine(_home, "AppData", "Local")), "Evolink")
        : Path.Combine(Or("XDG_DATA_HOME", Path.Combine(_home, ".local", "share")), "evolink");

    public string Cache => _isWindows
        ? Path.Combine(Or("LOCALAPPDATA", Path.Combine(_home, "AppData", "Local")), "Evolink", "Cache")
        : Path.Combine(Or("XDG_CACHE_HOME", Path.Combine(_home, ".cache")), "evolink");

    /// <summary>The lock file for a file: in the cache folder, named by the file's full path, never left beside the file it guards.</summary>
    public string LockFor(string path)
    {
        var full = Path.GetFullPath(path);
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(_isWindows ? full.ToUpperInvariant() : full));
        var name = BitConverter.ToString(hash, 0, 12).Replace("-", string.Empty).ToLowerInvariant();
        return Path.Combine(Cache, "locks", $"{Path.GetFileName(full)}-{name}.lock");
    }

    private string Or(string variable, string fallback)
    {
        var value = _environment(variable);
        return string.IsNullOrWhiteSpace(value) ? fallback : value!;
    }
}
