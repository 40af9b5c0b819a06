using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace Evolink.Tests.Module;

public sealed class ManifestTests : IDisposable
{
    private readonly ModuleMetadata _module = new();
    private readonly Dictionary<string, object?> _manifest = PowerShellDataFile.Parse(File.ReadAllText(RepositoryPaths.File("Evolink.psd1")));

    public void Dispose() => _module.Dispose();

    private IEnumerable<string> List(string key) => ((List<object?>)_manifest[key]!).Cast<string>();

    [Fact]
    public void The_exported_cmdlets_are_exactly_the_compiled_cmdlet_classes()
    {
        var compiled = _module.CmdletTypes.Select(ModuleMetadata.CmdletName).OrderBy(n => n);

        Assert.Equal(compiled, List("CmdletsToExport").OrderBy(n => n));
    }

    [Fact]
    public void The_release_notes_name_every_exported_cmdlet()
    {
        var psData = (Dictionary<string, object?>)((Dictionary<string, object?>)_manifest["PrivateData"]!)["PSData"]!;
        var notes = (string)psData["ReleaseNotes"]!;

        Assert.All(List("CmdletsToExport"), cmdlet => Assert.Contains(cmdlet, notes));
    }

    [Fact]
    public void Nothing_else_is_exported_and_no_export_uses_a_wildcard()
    {
        foreach (var key in new[] { "FunctionsToExport", "VariablesToExport", "AliasesToExport" })
            Assert.Empty(List(key));
        Assert.DoesNotContain(List("CmdletsToExport"), n => n.Contains('*'));
    }

    [Fact]
    public void The_manifest_version_equals_the_assembly_version()
    {
        var version = _module.Assembly.GetName().Version!;

        Assert.Equal($"{version.Major}.{version.Minor}.{version.Build}", _manifest["ModuleVersion"]);
    }

    [Fact]
    public void The_module_declares_both_editions_and_PowerShell_5_1()
    {
        Assert.Equal(new[] { "Core", "Desktop" }, List("CompatiblePSEditions").OrderBy(e => e));
        Assert.Equal("5.1", _manifest["PowerShellVersion"]);
        Assert.Equal("Evolink.dll", _manifest["RootModule"]);
        Assert.True(Guid.TryParse((string)_manifest["GUID"]!, out _));
    }
}
