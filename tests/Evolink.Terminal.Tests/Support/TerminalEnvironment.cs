using Evolink.Testing;
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;

namespace Evolink.Terminal.Tests;

/// <summary>
/// What the terminal tests share: the fake gateway (in this process, so a test
/// can see what it received), the pinned pwsh 7.6.10, the module in its shipping
/// layout, and a home of its own for every file pwsh and the module write
/// (configuration, caches, PSReadLine's history).
/// </summary>
public sealed class TerminalEnvironment : IAsyncLifetime
{
    public FakeGateway Gateway { get; private set; } = null!;
    public string PwshDll { get; private set; } = null!;
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "evolink-terminal-" + Guid.NewGuid().ToString("N")[..8]);
    public string WorkFolder => Path.Combine(Root, "work");
    public string ModuleFolder => Path.Combine(AppContext.BaseDirectory, "module");

    public async Task InitializeAsync()
    {
        Gateway = await FakeGateway.StartAsync();
        Directory.CreateDirectory(WorkFolder);
        PwshDll = FindPwsh();
    }

    /// <summary>A new terminal running pwsh, in the work folder, with the key and the gateway in its environment.</summary>
    public Terminal Start(string setup = "", IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["PSModulePath"] = ModuleFolder,
            ["EVOLINK_API_KEY"] = Gateway.ApiKey,
            ["EVOLINK_BASE_URL"] = Gateway.BaseUri.ToString().TrimEnd('/'),
            ["EVOLINK_CONFIG"] = Path.Combine(Root, "config", "evolink", "config.json"),
            ["EVOLINK_HISTORY_PATH"] = Path.Combine(Root, "data", "evolink", "history.jsonl"),
            ["HOME"] = Root,
            ["XDG_CONFIG_HOME"] = Path.Combine(Root, "config"),
            ["XDG_DATA_HOME"] = Path.Combine(Root, "data"),
            ["XDG_CACHE_HOME"] = Path.Combine(Root, "cache"),
            ["POWERSHELL_TELEMETRY_OPTOUT"] = "1",
            ["POWERSHELL_UPDATECHECK"] = "Off",
            ["TERM"] = "xterm-256color",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
            environment[name] = value;
        return Terminal.StartPwsh(PwshDll, environment, $"Set-Location '{WorkFolder}'; {setup}");
    }

    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(WorkFolder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string ReadFile(string name) => File.ReadAllText(Path.Combine(WorkFolder, name));

    /// <summary>The pinned pwsh tool's pwsh.dll: restored (a no-op when it is) and asked where it lives.</summary>
    private static string FindPwsh()
    {
        var repository = RepositoryPaths.Root;
        Run(repository, "tool", "restore");
        var home = Run(repository, "pwsh", "-NoProfile", "-NonInteractive", "-Command", "$PSHOME").Trim();
        var dll = Path.Combine(home, "pwsh.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"The pinned pwsh tool has no pwsh.dll at {dll}.");
        return dll;
    }

    private static string Run(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000) || process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed: {error.Result}");
        return output.Result;
    }

    public async Task DisposeAsync()
    {
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

/// <summary>Every terminal test joins this collection: one gateway, one terminal at a time.</summary>
[CollectionDefinition(Name)]
public sealed class TerminalCollection : ICollectionFixture<TerminalEnvironment>
{
    public const string Name = "Real pwsh in a real terminal";
}
