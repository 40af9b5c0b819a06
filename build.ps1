<#
.SYNOPSIS
    Builds, tests and packages the Evolink module.
.DESCRIPTION
    Runs on Windows PowerShell 5.1 and PowerShell 7 on Windows, Linux and macOS.
    Needs the .NET SDK 10 (dotnet on PATH). Pester 5 is used for the PowerShell
    tests when it is installed.
.EXAMPLE
    ./build.ps1                 # build output/Evolink/<version>/
.EXAMPLE
    ./build.ps1 -Task Test      # xunit suite, then Pester against the built module
.EXAMPLE
    ./build.ps1 -Task Package   # the Gallery layout in output/Evolink/<version>/, checked
.EXAMPLE
    ./build.ps1 -Task Help      # update docs/en-US from the cmdlets (PlatyPS when installed), remake the MAML
.EXAMPLE
    ./build.ps1 -Task Clean
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Help', 'Clean')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
$manifestPath = Join-Path $root 'Evolink.psd1'
$version = (Import-PowerShellDataFile -Path $manifestPath).ModuleVersion
$moduleFolder = Join-Path (Join-Path (Join-Path $root 'output') 'Evolink') $version

function Invoke-Dotnet {
    param([string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-BuildTask {
    # The Evolink project publishes straight into output/Evolink/<version>/.
    if (Test-Path $moduleFolder) { Remove-Item $moduleFolder -Recurse -Force }
    Invoke-Dotnet @('publish', (Join-Path (Join-Path $root 'src') 'Evolink'), '-c', $Configuration)
    Write-Host "Module built in $moduleFolder"
}

function Invoke-TestTask {
    Invoke-Dotnet @('test', (Join-Path $root 'Evolink.slnx'))

    $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } | Select-Object -First 1
    if (-not $pester) {
        Write-Warning 'Pester 5 is not installed; skipping the PowerShell tests (Install-Module Pester -MinimumVersion 5.0).'
        return
    }
    if (-not (Test-Path (Join-Path $moduleFolder 'Evolink.psd1'))) { Invoke-BuildTask }
    Invoke-Dotnet @('build', (Join-Path (Join-Path $root 'tests') 'FakeEvolink'), '-c', $Configuration)
    Import-Module $pester -Force
    # Not $configuration: PowerShell names ignore case, so that would overwrite the -Configuration parameter.
    $pesterSettings = New-PesterConfiguration
    $pesterSettings.Run.Path = Join-Path $root 'tests'
    $pesterSettings.Run.Exit = $false
    $pesterSettings.Run.PassThru = $true
    $pesterSettings.Output.Verbosity = 'Detailed'
    $env:EVOLINK_TEST_CONFIGURATION = $Configuration
    $result = Invoke-Pester -Configuration $pesterSettings
    if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed." }
}

function Invoke-PackageTask {
    Invoke-BuildTask
    $manifest = Test-ModuleManifest -Path (Join-Path $moduleFolder 'Evolink.psd1') -ErrorAction Stop
    Write-Host "Package ready: $($manifest.Name) $($manifest.Version) with $($manifest.ExportedCmdlets.Count) cmdlets in $moduleFolder"
    Write-Host "Publish with: Publish-Module -Path '$moduleFolder' -NuGetApiKey <key>"
}

function Invoke-HelpTask {
    # The markdown is the source; the MAML and about topic the module ships are made from it by the
    # help builder, so they are the same with or without PlatyPS.
    $platyPS = Get-Module -ListAvailable -Name platyPS | Select-Object -First 1
    if ($platyPS) {
        Invoke-BuildTask
        Import-Module $platyPS -Force
        Import-Module (Join-Path $moduleFolder 'Evolink.psd1') -Force
        Update-MarkdownHelpModule -Path (Join-Path (Join-Path $root 'docs') 'en-US') -RefreshModulePage:$false -AlphabeticParamsOrder | Out-Null
    }
    Invoke-Dotnet @('build', (Join-Path (Join-Path $root 'src') 'Evolink'))
    Invoke-Dotnet @('run', '--project', (Join-Path (Join-Path $root 'tools') 'Evolink.HelpBuilder'), '--', 'all')
}

function Invoke-CleanTask {
    foreach ($path in @('output', 'TestResults')) {
        $full = Join-Path $root $path
        if (Test-Path $full) { Remove-Item $full -Recurse -Force }
    }
    Get-ChildItem -Path (Join-Path $root 'src'), (Join-Path $root 'tests') -Directory -Recurse -Include 'bin', 'obj' |
        Remove-Item -Recurse -Force
}

foreach ($name in $Task) {
    Write-Host "== $name" -ForegroundColor Cyan
    switch ($name) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Package' { Invoke-PackageTask }
        'Help' { Invoke-HelpTask }
        'Clean' { Invoke-CleanTask }
    }
}
