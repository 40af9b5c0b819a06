using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// Each setting is declared once (Evolink.Configuration.Settings) and the
/// commands follow from that: these tests read the declarations, so a new
/// setting is checked without a line added here.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class SettingsDeclarationTests : ModuleTest
{
    public SettingsDeclarationTests(ModuleEnvironment env) : base(env) { }

    [Fact]
    public void Set_EvolinkConfiguration_takes_every_setting_that_may_be_saved_and_every_gateway_command_every_one_it_may_be_given()
    {
        var missing = Run("""
            $settings = [Evolink.Configuration.Settings]::All
            # The proxy's user and secret are what -ProxyCredential saves; DefaultModel and History are no command's connection.
            $fileForms = 'ProxyUserName', 'ProxySecretName'
            $set = (Get-Command Set-EvolinkConfiguration).Parameters.Keys
            foreach ($s in $settings | Where-Object { $_.Scope -ne 'Call' -and $_.Name -notin $fileForms }) {
                if ($s.Name -notin $set) { "Set-EvolinkConfiguration: no -$($s.Name)" }
            }
            foreach ($command in Get-Command -Module Evolink | Where-Object { $_.Parameters.ContainsKey('BaseUri') -and $_.Name -ne 'Set-EvolinkConfiguration' }) {
                foreach ($s in $settings | Where-Object { $_.Name -notin $fileForms + 'DefaultModel', 'History', 'ProxyVault' }) {
                    if (-not $command.Parameters.ContainsKey($s.Name)) { "$($command.Name): no -$($s.Name)" }
                }
            }
            """).Succeeded().Values;

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_setting_that_may_be_saved_round_trips_through_the_file_and_shows_with_its_source()
    {
        var problems = Run("""
            foreach ($s in [Evolink.Configuration.Settings]::All | Where-Object { $_.Scope -eq 'Saved' -and $_.Name -notin 'ProxyUserName', 'ProxySecretName', 'ProxyVault' }) {
                # A value the declaration allows, other than the default.
                $candidates = switch ($s.ValueType.Name) {
                    'Int32' { ($s.Default + 1), ($s.Default - 1) }
                    'Double' { ($s.Default + 0.5) }
                    'Boolean' { $true }
                    'Uri' { [uri]'https://sample.test/' }
                    'String' { 'sample-value', '1.1' }
                }
                $value = @($candidates | Where-Object { $null -eq $s.Problem($_) })[0]
                $parameters = @{ $s.Name = $value }
                Set-EvolinkConfiguration @parameters
                $saved = (Get-EvolinkConfiguration -Scope User).($s.Name)
                $expected = if ($s.IsPath) { Join-Path $PWD $value } else { $value }
                if ("$saved" -ne "$expected") { "$($s.Name): saved '$saved', not '$expected'" }
                if ((Get-Content $env:EVOLINK_CONFIG -Raw) -notmatch ('"' + $s.FileName + '"')) { "$($s.Name): not in the file as $($s.FileName)" }
                $effective = Get-EvolinkConfiguration
                if ($effective.SourceOf($s.Name) -notin 'file', "environment ($($s.EnvironmentVariable))") { "$($s.Name): source $($effective.SourceOf($s.Name))" }
                if (($effective | Out-String) -notmatch ('(?m)^' + $s.Name + '\s+:')) { "$($s.Name): not in the view" }
            }
            """).Succeeded().Values;

        Assert.Empty(problems);
    }
}
