<#
.SYNOPSIS
    Builds, tests, runs and packages the Evolink module.
.DESCRIPTION
    Needs only the .NET SDK 10: run it with the pinned pwsh tool,
    `dotnet tool restore && dotnet pwsh ./build.ps1 -Task <task>`. Every task builds
    first, unless nothing changed since the last build: a file under src/, tests/ or
    tools/ (or a build file at the top) newer than the build makes it build again.

    Build    the module into output/Evolink/<version>/ (the layout the Gallery gets)
    Test     everything CI runs: the xunit projects (engine, module in the in-process
             engine, terminal) and the Pester acceptance suite in real pwsh
    Pester   only the Pester acceptance suite (tests/Acceptance)
    Run      a streamed chat in real pwsh: with EVOLINK_API_KEY set, with Evolink;
             without it, with the project's fake gateway, started and stopped here
    Package  the Gallery layout, checked with Test-ModuleManifest
    Help     docs/en-US in step with the cmdlets, then the shipped help made from it
    Clean    removes output/, TestResults/ and every bin/ and obj/
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Run
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Run -Prompt 'What is DNS?'
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -ResultsDirectory ./TestResults
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Run', 'Package', 'Help', 'Clean')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Test and Pester: where the results files go (a TRX file per xunit project, pester.xml); CI reads its counts there.
    [string] $ResultsDirectory,

    # Test and Pester: only the Pester tests whose full name matches this (wildcards, as Pester's -FullNameFilter).
    [string] $Filter,

    # Pester: which of its files (Test runs build.ps1's own tests alone first, then the rest beside xunit).
    [ValidateSet('All', 'Build', 'Rest')]
    [string] $PesterPart = 'All',

    # Run: ask this once, streamed, instead of opening the chat.
    [string] $Prompt
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
$version = (Import-PowerShellDataFile -Path (Join-Path $root 'Evolink.psd1')).ModuleVersion
$moduleFolder = [IO.Path]::Combine($root, 'output', 'Evolink', $version)
$stamp = [IO.Path]::Combine($root, 'output', "build-$Configuration.stamp")
# Pester's version is the acceptance project's PackageDownload: declared there, once.
$pesterVersion = (Select-Xml -Path ([IO.Path]::Combine($root, 'tests', 'Acceptance', 'Acceptance.csproj')) -XPath "//PackageDownload[@Include='Pester']").Node.Version.Trim('[', ']')

function Invoke-Dotnet {
    param([string[]] $Arguments)
    & dotnet @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-NewestSource {
    $top = foreach ($name in 'Evolink.psd1', 'Evolink.slnx', 'Directory.Build.props', 'Directory.Packages.props', '.config/dotnet-tools.json') {
        Get-Item -LiteralPath (Join-Path $root $name) -Force -ErrorAction SilentlyContinue
    }
    $trees = foreach ($folder in 'src', 'tests', 'tools', 'docs/help') {
        Get-ChildItem -LiteralPath (Join-Path $root $folder) -File -Recurse -Force -ErrorAction SilentlyContinue |
            # Not sources: build output, and the npm packages the tests install (installing them must not trigger a build).
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj|node_modules)[\\/]' }
    }
    @($top) + @($trees) | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
}

function Invoke-BuildTask {
    $newest = Get-NewestSource
    if ((Test-Path $stamp) -and (Get-Item $stamp).LastWriteTimeUtc -ge $newest.LastWriteTimeUtc) {
        Write-Host "Up to date: nothing changed since the last $Configuration build ($moduleFolder)."
        return
    }
    # One build of everything (the acceptance project restores Pester and builds the fake gateway),
    # then the module laid out from it; MSBuild's own incremental build does the rest.
    Invoke-Dotnet @('build', (Join-Path $root 'Evolink.slnx'), '-c', $Configuration, '--nologo', '-v', 'quiet')
    # Laid out afresh, so nothing left from an earlier build is shipped (or tested as shipped).
    if (Test-Path $moduleFolder) { Remove-Item -LiteralPath $moduleFolder -Recurse -Force }
    Invoke-Dotnet @('publish', [IO.Path]::Combine($root, 'src', 'Evolink'), '-c', $Configuration, '--no-build', '--nologo', '-v', 'quiet')
    $why = if (Test-Path $stamp) { "$(Resolve-Path -Relative $newest.FullName -RelativeBasePath $root) was newer than the last build" } else { 'the first build here' }
    $null = New-Item -ItemType File -Force -Path $stamp
    Write-Host "Module built in $moduleFolder ($why)."
}

function Get-ResultsDirectory {
    if (-not $ResultsDirectory) { return $null }
    $null = New-Item -ItemType Directory -Force -Path $ResultsDirectory
    (Resolve-Path $ResultsDirectory).Path
}

function Invoke-XunitTask {
    $arguments = @('test', (Join-Path $root 'Evolink.slnx'), '-c', $Configuration, '--no-build', '--nologo')
    if ($results = Get-ResultsDirectory) { $arguments += @('--logger', 'trx', '--results-directory', $results) }
    # The package tests read the module this build laid out instead of publishing it again.
    $env:EVOLINK_TEST_PACKAGE = $moduleFolder
    & dotnet @arguments | Out-Host
    $LASTEXITCODE -eq 0
}

function Get-Pester {
    # Pester comes from NuGet like every other dependency: the acceptance project's PackageDownload.
    $line = & dotnet nuget locals global-packages --list
    $packages = ($line -replace '^global-packages:\s*', '').Trim()
    $manifest = [IO.Path]::Combine($packages, 'pester', $pesterVersion, 'tools', 'Pester.psd1')
    if (-not (Test-Path $manifest)) {
        throw "Pester $pesterVersion is missing from $packages, so the acceptance tests cannot run. It is restored with the build (dotnet build tests/Acceptance); check that NuGet is reachable."
    }
    Import-Module $manifest -Force -PassThru -ErrorAction Stop
}

function Invoke-PesterTask {
    Set-StrictMode -Off   # Pester and the tests it runs keep their own rules.
    $pester = Get-Pester
    $settings = New-PesterConfiguration
    $folder = [IO.Path]::Combine($root, 'tests', 'Acceptance')
    # build.ps1's own tests rebuild the module; the others only read it.
    $ownTests = Join-Path $folder 'Build.Tests.ps1'
    $settings.Run.Path = switch ($PesterPart) {
        'Build' { @($ownTests) }
        'Rest' { @(Get-ChildItem $folder -Filter '*.Tests.ps1' | Where-Object FullName -ne $ownTests | ForEach-Object FullName) }
        default { @($folder) }
    }
    $settings.Run.PassThru = $true
    $settings.Output.Verbosity = 'Detailed'
    if ($Filter) { $settings.Filter.FullName = $Filter }
    if ($results = Get-ResultsDirectory) {
        $settings.TestResult.Enabled = $true
        $settings.TestResult.OutputFormat = 'NUnitXml'
        $settings.TestResult.OutputPath = Join-Path $results $(if ($PesterPart -eq 'Build') { 'pester-build.xml' } else { 'pester.xml' })
    }
    $env:EVOLINK_TEST_CONFIGURATION = $Configuration
    $run = Invoke-Pester -Configuration $settings
    if ($run.PassedCount + $run.FailedCount -eq 0) {
        # Under -Task Test with -Filter, one part may hold none of the tests asked for; the other may.
        if ($Filter -and $PesterPart -ne 'All') { Write-Host "Pester ($PesterPart): no test matches -Filter."; return $true }
        throw 'The Pester run executed no test.'
    }
    # A skipped test is never a pass; a test not run is one only when -Filter left it out.
    $notRun = if ($Filter) { "$($run.NotRunCount) left out by -Filter" } else { "$($run.NotRunCount) not run" }
    Write-Host "Pester $($pester.Version): $($run.PassedCount) passed, $($run.FailedCount) failed, $($run.SkippedCount) skipped, $notRun."
    $run.Result -eq 'Passed' -and $run.SkippedCount -eq 0 -and ($Filter -or $run.NotRunCount -eq 0)
}

function Install-McpServers {
    # The MCP servers the tests drive are real ones from npm, pinned by tests/McpServers/package-lock.json.
    $folder = [IO.Path]::Combine($root, 'tests', 'McpServers')
    if (Test-Path ([IO.Path]::Combine($folder, 'node_modules', '@modelcontextprotocol', 'server-everything', 'package.json'))) { return }
    if (-not (Get-Command npm -ErrorAction Ignore)) { throw 'npm (Node.js 20 or later) is needed to install the MCP servers the tests use (tests/McpServers).' }
    & npm ci --prefix $folder --no-audit --no-fund --loglevel=error
    if ($LASTEXITCODE -ne 0) { throw "npm ci in tests/McpServers failed with exit code $LASTEXITCODE; check that the npm registry is reachable." }
}

function Invoke-TestTask {
    # A missing Pester fails the run at once, not after minutes of other tests.
    $null = Get-Pester
    Install-McpServers
    # build.ps1's own tests first and alone: they rebuild the module that everything else reads.
    $PesterPart = 'Build'
    $own = Invoke-PesterTask
    # Then the other Pester files in a pwsh of their own, beside xunit: most of their time is spent waiting on the
    # processes they start, so the two together take little longer than xunit alone. Their report is shown after
    # xunit's, whole, so the two never interleave.
    $log = [IO.Path]::GetTempFileName()
    $arguments = @('pwsh', '-NoProfile', '-NonInteractive', '-File', $PSCommandPath, '-Task', 'Pester', '-PesterPart', 'Rest', '-Configuration', $Configuration)
    if ($ResultsDirectory) { $arguments += @('-ResultsDirectory', (Get-ResultsDirectory)) }
    if ($Filter) { $arguments += @('-Filter', $Filter) }
    $rest = Start-Process -FilePath (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source -ArgumentList $arguments `
        -RedirectStandardOutput $log -RedirectStandardError "$log.err" -NoNewWindow -PassThru
    # Every layer runs even when one fails, so a run reports all its failures at once.
    $xunit = Invoke-XunitTask
    $rest.WaitForExit()
    Get-Content $log, "$log.err" -ErrorAction SilentlyContinue | Out-Host
    Remove-Item $log, "$log.err" -ErrorAction SilentlyContinue
    $pester = $own -and $rest.ExitCode -eq 0
    if (-not ($xunit -and $pester)) { throw "Tests failed: xunit $(if ($xunit) { 'passed' } else { 'failed' }), Pester $(if ($pester) { 'passed' } else { 'failed' })." }
}

function Start-FakeGateway {
    $dll = [IO.Path]::Combine($root, 'tests', 'FakeEvolink', 'bin', $Configuration, 'net10.0', 'FakeEvolink.dll')
    $start = [Diagnostics.ProcessStartInfo]::new((Get-Command dotnet -CommandType Application | Select-Object -First 1).Source)
    # --parent: the gateway ends when this process does, however it ends, and leaves Ctrl+C to the chat.
    foreach ($a in @($dll, '--urls', 'http://127.0.0.1:0', '--parent', $PID)) { $start.ArgumentList.Add([string]$a) }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds(30))) { $process.Kill(); throw 'The fake gateway did not start within 30 s.' }
    [pscustomobject]@{ Process = $process; BaseUri = [uri]$line.Result.Trim() }
}

function Invoke-RunTask {
    $connection = @{}
    $gateway = $null
    if (-not $env:EVOLINK_API_KEY) {
        $gateway = Start-FakeGateway
        $connection = @{ BaseUri = $gateway.BaseUri; ApiKey = (ConvertTo-SecureString 'sk-fake-0123456789abcdef' -AsPlainText -Force) }
        Write-Host "No EVOLINK_API_KEY is set, so this chats with the project's fake gateway at $($gateway.BaseUri) (its model answers with your own words); set EVOLINK_API_KEY to chat with Evolink." -ForegroundColor Yellow
    }
    try {
        Import-Module (Join-Path $moduleFolder 'Evolink.psd1') -Force
        $console = -not ([Console]::IsInputRedirected -or [Console]::IsOutputRedirected -or ([Environment]::GetCommandLineArgs() -contains '-NonInteractive'))
        if ($Prompt -or -not $console) {
            $question = if ($Prompt) { $Prompt } else { 'Hello! In one sentence: what can you do?' }
            Invoke-EvolinkChat $question -Stream @connection | Out-Null
        } else {
            Enter-EvolinkChat @connection
        }
    }
    finally {
        if ($gateway -and -not $gateway.Process.HasExited) {
            $gateway.Process.Kill()
            $null = $gateway.Process.WaitForExit(5000)
        }
    }
}

function Invoke-PackageTask {
    $manifest = Test-ModuleManifest -Path (Join-Path $moduleFolder 'Evolink.psd1') -ErrorAction Stop
    Write-Host "Package ready: $($manifest.Name) $($manifest.Version) with $($manifest.ExportedCmdlets.Count) cmdlets in $moduleFolder"
    Write-Host "Publish with: Publish-PSResource -Path '$moduleFolder' -ApiKey <key>"
}

function Invoke-HelpTask {
    # The markdown is the source; the MAML and about topic the module ships are made from it.
    Invoke-Dotnet @('run', '--project', [IO.Path]::Combine($root, 'tools', 'Evolink.HelpBuilder'), '-c', $Configuration, '--', 'all', (Join-Path $moduleFolder 'Evolink.psd1'))
}

function Invoke-CleanTask {
    # The stamp goes with output/: the next task builds.
    foreach ($path in @('output', 'TestResults')) {
        $full = Join-Path $root $path
        if (Test-Path $full) { Remove-Item $full -Recurse -Force }
    }
    Get-ChildItem -Path (Join-Path $root 'src'), (Join-Path $root 'tests'), (Join-Path $root 'tools') -Directory -Recurse -Include 'bin', 'obj' |
        Remove-Item -Recurse -Force
}

$built = $false
foreach ($name in $Task) {
    Write-Host "== $name" -ForegroundColor Cyan
    if ($name -ne 'Clean' -and -not $built) { Invoke-BuildTask; $built = $true }
    switch ($name) {
        'Test' { Invoke-TestTask }
        'Pester' { Install-McpServers; if (-not (Invoke-PesterTask)) { throw 'Pester tests failed.' } }
        'Run' { Invoke-RunTask }
        'Package' { Invoke-PackageTask }
        'Help' { Invoke-HelpTask }
        'Clean' { Invoke-CleanTask }
    }
}
