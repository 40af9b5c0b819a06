using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// What every module test shares: one fake gateway, a folder of its own for
/// the user's files (configuration, caches), and the process environment a
/// CI step would have (EVOLINK_API_KEY and EVOLINK_BASE_URL pointing at the
/// fake). Runspaces share the process environment, so module tests run one
/// after another; each test still gets a fresh runspace.
/// </summary>
public sealed class ModuleEnvironment : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _saved = new();

    public FakeGateway Gateway { get; private set; } = null!;
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "evolink-module-tests-" + Guid.NewGuid().ToString("N")[..8]);
    public string WorkFolder => Path.Combine(Root, "work");
    public string ConfigurationPath => Path.Combine(Root, "config", "evolink", "config.json");
    public string HistoryPath => Path.Combine(Root, "data", "evolink", "history.jsonl");
    public string CacheFolder => Path.Combine(Root, "cache");
    public string ManifestPath => Path.Combine(AppContext.BaseDirectory, "module", "Evolink", "Evolink.psd1");
    public string StandInModules => Path.Combine(AppContext.BaseDirectory, "StandIns", "Modules");

    /// <summary>Where modules are found: PowerShell's own Utility, Management and Security (see <see cref="PowerShellModules"/>), then the SecretManagement stand-in.</summary>
    public string ModulePath => Path.Combine(Root, "Modules") + Path.PathSeparator + StandInModules;
    public InitialSessionState SessionState { get; private set; } = null!;

    /// <summary>The key as scripts would type it.</summary>
    public string Key => Gateway.ApiKey;
    public string BaseUri => Gateway.BaseUri.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        Gateway = await FakeGateway.StartAsync();
        Directory.CreateDirectory(WorkFolder);
        PowerShellModules.WriteTo(Path.Combine(Root, "Modules"));
        Set("PSModulePath", ModulePath);
        Set("EVOLINK_CONFIG", ConfigurationPath);
        Reset();
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(new[] { ManifestPath });
        SessionState = state;
    }

    /// <summary>Back to a CI step's starting point: key and gateway in the environment, no saved configuration, empty work folder.</summary>
    public void Reset()
    {
        Set("EVOLINK_API_KEY", Gateway.ApiKey);
        Set("EVOLINK_BASE_URL", BaseUri);
        Set("EVOLINK_CONFIG", ConfigurationPath);
        Set("EVOLINK_HISTORY_PATH", HistoryPath);
        // Caches and lock files go to the platform's cache folder: here, the environment's own.
        Set("XDG_CACHE_HOME", CacheFolder);
        if (File.Exists(HistoryPath))
            File.Delete(HistoryPath);
        Set("PSModulePath", ModulePath);
        // A proxy variable a test set must not choose the next test's hop, nor a spent balance its credits.
        foreach (var proxy in new[] { "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy", "no_proxy" })
            Set(proxy, null);
        Gateway.CreditsStatus = 200;
        // Each test starts with a gateway that has kept no reply for any idempotency key.
        Gateway.Kept.Clear();
        var configuration = Path.GetDirectoryName(ConfigurationPath)!;
        if (Directory.Exists(configuration))
            Directory.Delete(configuration, recursive: true);
        foreach (var entry in new DirectoryInfo(WorkFolder).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo folder)
                folder.Delete(recursive: true);
            else
                entry.Delete();
        }
    }

    /// <summary>A fresh runspace after <see cref="Reset"/>.</summary>
    public Shell NewShell(bool interactive = true)
    {
        Reset();
        return new Shell(this, interactive);
    }

    /// <summary>Writes a file into the work folder, where scripts run.</summary>
    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(WorkFolder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string ReadFile(string name) => File.ReadAllText(Path.Combine(WorkFolder, name));

    private void Set(string name, string? value)
    {
        if (!_saved.ContainsKey(name))
            _saved[name] = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    public async Task DisposeAsync()
    {
        foreach (var (name, value) in _saved)
            Environment.SetEnvironmentVariable(name, value);
        await Gateway.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Every module test class joins this collection: one environment, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ModuleCollection : ICollectionFixture<ModuleEnvironment>
{
    public const string Name = "Module in the real engine";
}
