# Evolink stands on JsonSchema.Net 8.0.5 (with JsonPointer.Net, Json.More and Humanizer) and, on PowerShell 7,
# loads them in a context of its own. Proof in real pwsh: another module loads an older, or a newer, version of every
# one of those assemblies into PowerShell's shared context, before Evolink or after it, and both modules keep working
# in the one session; Evolink's schema checks are the strict ones of 8.0.5 throughout.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Acceptance.ps1')
    $script:gateway = Start-FakeGateway
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $modules = Join-Path $TestDrive 'modules'

    # Older: the real previous releases, as a module that uses JsonSchema.Net 7 would ship them.
    $older = Join-Path $modules 'OlderSchemas'
    $null = New-Item -ItemType Directory -Force $older
    foreach ($package in @(
            @('humanizer.core', '2.14.1', 'netstandard2.0', 'Humanizer.dll'),
            @('json.more.net', '2.1.1', 'net8.0', 'Json.More.dll'),
            @('jsonpointer.net', '5.3.1', 'net8.0', 'JsonPointer.Net.dll'),
            @('jsonschema.net', '7.4.0', 'net8.0', 'JsonSchema.Net.dll'))) {
        Copy-Item ([IO.Path]::Combine($packages, $package[0], $package[1], 'lib', $package[2], $package[3])) $older
    }
    Set-Content (Join-Path $older 'OlderSchemas.psm1') @'
foreach ($name in 'Humanizer', 'Json.More', 'JsonPointer.Net', 'JsonSchema.Net') { Add-Type -Path (Join-Path $PSScriptRoot "$name.dll") }
function Test-OlderSchemas {
    # JsonSchema.Net 7's own API (evaluating a JsonNode), which 8 does not have.
    $schema = [Json.Schema.JsonSchema]::FromText('{"type":"integer","minimun":1}')
    $valid = $schema.Evaluate([System.Text.Json.Nodes.JsonNode]::Parse('5')).IsValid
    'JsonSchema.Net {0}: 5 valid {1}' -f [Json.Schema.JsonSchema].Assembly.GetName().Version, $valid
}
'@

    # Newer: assemblies of the same names at version 99, whose types are not the ones Evolink was built against.
    $newer = Join-Path $modules 'NewerSchemas'
    $null = New-Item -ItemType Directory -Force $newer
    foreach ($name in 'Humanizer', 'Json.More', 'JsonPointer.Net', 'JsonSchema.Net') {
        $namespace = $name -replace '\.Net$', '' -replace '\.', ''
        Add-Type -OutputAssembly (Join-Path $newer "$name.dll") -OutputType Library -TypeDefinition @"
[assembly: System.Reflection.AssemblyVersion("99.0.0.0")]
namespace Newer.$namespace { public static class Release { public static string Name() { return "$name 99"; } } }
"@
    }
    Set-Content (Join-Path $newer 'NewerSchemas.psm1') @'
foreach ($name in 'Humanizer', 'Json.More', 'JsonPointer.Net', 'JsonSchema.Net') { Add-Type -Path (Join-Path $PSScriptRoot "$name.dll") }
function Test-NewerSchemas {
    ([Newer.Humanizer.Release]::Name(), [Newer.JsonMore.Release]::Name(), [Newer.JsonPointer.Release]::Name(), [Newer.JsonSchema.Release]::Name()) -join ', '
}
'@

    $script:modulePath = $modules + [IO.Path]::PathSeparator + (Get-BuiltModule).ModulesFolder
    # What a script sees of Evolink's checks: a schema honoured, and a misspelt keyword refused (8.0.5's strictness).
    $script:useEvolink = @'
(Invoke-EvolinkChat '{"port":443}' -JsonSchema @{ type = 'object'; properties = @{ port = @{ type = 'integer'; maximum = 65535 } } }).Data.port
try { Invoke-EvolinkChat 'x' -JsonSchema @{ type = 'object'; minimun = 1 } -ErrorAction Stop } catch { 'refused: ' + ($_.Exception.Message -match 'minimun') }
'@
}

AfterAll { Stop-FakeGateway $script:gateway }

Describe 'Evolink beside other versions of the libraries it ships' {
    It 'works after a module loaded older versions of all of them, which keeps working' {
        $run = Invoke-Pwsh -AsCommand ("Import-Module OlderSchemas`nTest-OlderSchemas`nImport-Module Evolink`n" + $useEvolink + "`nTest-OlderSchemas") -Gateway $gateway -Environment @{ PSModulePath = $modulePath }

        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text.Trim() -split "`n" | Should -Be @('JsonSchema.Net 7.0.0.0: 5 valid True', '443', 'refused: True', 'JsonSchema.Net 7.0.0.0: 5 valid True')
    }

    It 'lets a module load older versions after it, and both work' {
        $run = Invoke-Pwsh -AsCommand ("Import-Module Evolink`n" + $useEvolink + "`nImport-Module OlderSchemas`nTest-OlderSchemas`n" + $useEvolink) -Gateway $gateway -Environment @{ PSModulePath = $modulePath }

        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text.Trim() -split "`n" | Should -Be @('443', 'refused: True', 'JsonSchema.Net 7.0.0.0: 5 valid True', '443', 'refused: True')
    }

    It 'works after a module loaded newer versions of all of them, which keeps working' {
        $run = Invoke-Pwsh -AsCommand ("Import-Module NewerSchemas`nImport-Module Evolink`n" + $useEvolink + "`nTest-NewerSchemas") -Gateway $gateway -Environment @{ PSModulePath = $modulePath }

        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text.Trim() -split "`n" | Should -Be @('443', 'refused: True', 'Humanizer 99, Json.More 99, JsonPointer.Net 99, JsonSchema.Net 99')
    }

    It 'lets a module load newer versions after it, and both work' {
        $run = Invoke-Pwsh -AsCommand ("Import-Module Evolink`n" + $useEvolink + "`nImport-Module NewerSchemas`nTest-NewerSchemas`n" + $useEvolink) -Gateway $gateway -Environment @{ PSModulePath = $modulePath }

        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text.Trim() -split "`n" | Should -Be @('443', 'refused: True', 'Humanizer 99, Json.More 99, JsonPointer.Net 99, JsonSchema.Net 99', '443', 'refused: True')
    }

    It 'keeps its libraries out of the shared context, and checks schemas again after Remove-Module and Import-Module' {
        # A folder of its own: PowerShell replays the assemblies earlier runs loaded (its start-up profile, kept with
        # the user's cache), which here would bring the older module's JsonSchema.Net into the shared context.
        $fresh = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'fresh')
        $run = Invoke-Pwsh -AsCommand ("Import-Module Evolink`n" + $useEvolink + @'

function Get-Context([string] $Name) { ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $Name } | ForEach-Object { '{0} {1}' -f $_.GetName().Version, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }) -join ', ' }
Get-Context JsonSchema.Net
Get-Context JsonPointer.Net
Remove-Module Evolink
Import-Module Evolink
'@ + "`n" + $useEvolink) -Gateway $gateway -WorkingDirectory $fresh

        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text.Trim() -split "`n" | Should -Be @('443', 'refused: True', '8.0.0.0 Evolink.Libraries', '6.0.0.0 Evolink.Libraries', '443', 'refused: True')
    }
}
