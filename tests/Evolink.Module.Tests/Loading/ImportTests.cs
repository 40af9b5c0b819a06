using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>The module as shipped imports into the real engine and answers a chat.</summary>
[Collection(ModuleCollection.Name)]
public sealed class ImportTests
{
    private readonly ModuleEnvironment _env;

    public ImportTests(ModuleEnvironment env) => _env = env;

    [Fact]
    public void The_shipped_module_imports_with_every_cmdlet_of_the_manifest()
    {
        using var shell = _env.NewShell();
        var names = shell.Run("(Get-Command -Module Evolink).Name").Succeeded().Values.Cast<string>().ToList();
        Assert.Contains("Invoke-EvolinkChat", names);
        Assert.Equal(29, names.Count);
        Assert.Equal("7.6.10", shell.Value("$PSVersionTable.PSVersion.ToString()"));
    }

    [Fact]
    public void The_engine_is_loaded_from_the_core_folder_of_the_module_compiled_ahead_of_time_for_this_platform()
    {
        using var shell = _env.NewShell();
        shell.Run("Invoke-EvolinkChat 'load me' | Out-Null").Succeeded();
        var location = (string)shell.Value("[AppDomain]::CurrentDomain.GetAssemblies().Where({ $_.GetName().Name -eq 'Evolink.Core' }).Location")!;
        var platform = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        Assert.EndsWith($"/module/Evolink/core/{platform}/Evolink.Core.dll", location.Replace('\\', '/'));
    }

    [Fact]
    public void A_prompt_with_the_key_in_the_environment_gets_the_reply()
    {
        using var shell = _env.NewShell();
        var run = shell.Run("Invoke-EvolinkChat 'Hello there'").Succeeded();
        Assert.Equal("Hello there", shell.Value("$r = Invoke-EvolinkChat 'Hello there'; $r.Text"));
        Assert.Equal("ChatResponse", run.Single()!.GetType().Name);
    }

    [Fact]
    public void Every_PowerShell_script_of_the_repository_parses()
    {
        var root = DocumentedExamples.RepositoryRoot;
        var scripts = System.IO.Directory.GetFiles(root, "*.ps1", System.IO.SearchOption.AllDirectories)
            .Concat(System.IO.Directory.GetFiles(root, "*.psm1", System.IO.SearchOption.AllDirectories))
            .Where(p => !p.Contains("/bin/") && !p.Contains("/obj/") && !p.Contains("/output/")).ToList();
        Assert.Contains(scripts, p => p.EndsWith("build.ps1"));
        foreach (var script in scripts)
        {
            System.Management.Automation.Language.Parser.ParseFile(script, out _, out var problems);
            Assert.True(problems.Length == 0, $"{script}: {string.Join("; ", problems.Select(p => p.Message))}");
        }
    }
}
