using System;
using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>The shipped manifest as PowerShell reads it: Test-ModuleManifest and Import-PowerShellDataFile.</summary>
[Collection(ModuleCollection.Name)]
public sealed class ManifestTests : ModuleTest
{
    public ManifestTests(ModuleEnvironment env) : base(env) { }

    private string Manifest => Quote(Env.ManifestPath);

    [Fact]
    public void The_manifest_exports_exactly_the_compiled_cmdlets_and_nothing_else_by_wildcard()
    {
        var run = Run($$"""
            $m = Test-ModuleManifest {{Manifest}}
            $compiled = [Evolink.Commands.InvokeEvolinkChatCommand].Assembly.GetExportedTypes() |
                ForEach-Object { $_.GetCustomAttributes([Management.Automation.CmdletAttribute], $false) } |
                ForEach-Object { "$($_.VerbName)-$($_.NounName)" }
            (($m.ExportedCmdlets.Keys | Sort-Object) -join ',') -eq (($compiled | Sort-Object) -join ',')
            $data = Import-PowerShellDataFile {{Manifest}}
            @($data.FunctionsToExport).Count + @($data.VariablesToExport).Count + @($data.AliasesToExport).Count
            @($data.CmdletsToExport | Where-Object { $_ -match '\*' }).Count
            """).Succeeded().Values;

        Assert.Equal(new object?[] { true, 0, 0 }, run);
    }

    [Fact]
    public void The_manifest_is_ready_for_the_gallery_and_its_release_notes_name_every_cmdlet()
    {
        var missing = Run($$"""
            $data = Import-PowerShellDataFile {{Manifest}}
            foreach ($key in 'Tags', 'LicenseUri', 'ProjectUri', 'ReleaseNotes') { if (-not $data.PrivateData.PSData[$key]) { "PSData.$key is missing" } }
            foreach ($cmdlet in $data.CmdletsToExport) { if ($data.PrivateData.PSData.ReleaseNotes -notmatch $cmdlet) { "the release notes do not name $cmdlet" } }
            """).Succeeded().Values;

        Assert.Empty(missing);
    }

    [Fact]
    public void The_version_is_the_assembly_s_and_both_editions_from_Windows_PowerShell_5_1_are_declared()
    {
        var values = Run($$"""
            $m = Test-ModuleManifest {{Manifest}}
            $m.Version.ToString(3) -eq [Evolink.Commands.InvokeEvolinkChatCommand].Assembly.GetName().Version.ToString(3)
            ($m.CompatiblePSEditions | Sort-Object) -join ','
            $m.PowerShellVersion.ToString()
            $m.RootModule
            """).Succeeded().Values;

        Assert.Equal(new object?[] { true, "Core,Desktop", "5.1", "Evolink.dll" }, values);
    }

    [Fact]
    public void Every_view_of_the_format_file_is_for_a_type_that_exists_and_names_only_its_properties()
    {
        var problems = Run("""
            $views = Get-FormatData -TypeName 'Evolink.*' -PowerShellVersion $PSVersionTable.PSVersion
            if (-not $views) { 'no views' }
            foreach ($data in $views) {
                $type = $data.TypeNames[0] -as [type]
                if (-not $type) { "$($data.TypeNames[0]) is not a type"; continue }
                $entries = foreach ($view in $data.FormatViewDefinition) {
                    $control = $view.Control
                    if ($control -is [Management.Automation.TableControl]) { $control.Rows.Columns.DisplayEntry }
                    elseif ($control -is [Management.Automation.ListControl]) { $control.Entries.Items.DisplayEntry }
                }
                foreach ($entry in $entries | Where-Object ValueType -eq 'Property') {
                    if (-not $type.GetProperty($entry.Value)) { "$($type.Name) has no property $($entry.Value)" }
                }
            }
            """).Succeeded().Values;

        Assert.Empty(problems);
    }
}
