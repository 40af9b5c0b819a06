# What the acceptance scenarios share, dot-sourced in each file's BeforeAll: the
# module as built into output/, the fake gateway started as a process of its own,
# and fresh pwsh processes that run a user's script as the user would
# (pwsh -NoProfile -File / -Command), each with a time limit so a hang fails its
# test instead of stalling the suite.

$script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path
$script:Configuration = if ($env:EVOLINK_TEST_CONFIGURATION) { $env:EVOLINK_TEST_CONFIGURATION } else { 'Release' }

function Get-RepositoryRoot { $script:Root }

# The module as `dotnet publish src/Evolink` (and ./build.ps1) lays it out: output/Evolink/<version>/.
function Get-BuiltModule {
    $version = (Import-PowerShellDataFile (Join-Path $script:Root 'Evolink.psd1')).ModuleVersion
    $manifest = Join-Path $script:Root "output/Evolink/$version/Evolink.psd1"
    if (-not (Test-Path $manifest)) { throw "The module is not built at $manifest. Run: dotnet pwsh ./build.ps1" }
    [pscustomobject]@{ Manifest = $manifest; ModulesFolder = Join-Path $script:Root 'output'; Version = $version }
}

# The pwsh that runs these tests, started afresh: the same 7.6.10 from the pinned tool.
function Get-PwshCommand {
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if (Test-Path $dll) { return @((Get-Command dotnet -CommandType Application | Select-Object -First 1).Source, $dll) }
    @([Environment]::ProcessPath)
}

<#
.SYNOPSIS
    Starts the fake gateway as its own process on a free loopback port; it ends with this process at the latest.
#>
function Start-FakeGateway {
    param([string] $ApiKey = 'sk-fake-0123456789abcdef')
    $dll = Join-Path $script:Root "tests/FakeEvolink/bin/$script:Configuration/net10.0/FakeEvolink.dll"
    if (-not (Test-Path $dll)) { throw "The fake gateway is not built: $dll. Run: dotnet build tests/Acceptance -c $script:Configuration" }
    $start = [Diagnostics.ProcessStartInfo]::new((Get-PwshCommand)[0])
    foreach ($a in @($dll, '--urls', 'http://127.0.0.1:0', '--api-key', $ApiKey, '--parent', $PID)) { $start.ArgumentList.Add([string]$a) }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds(30)) -or -not $line.Result) {
        if (-not $process.HasExited) { $process.Kill() }
        throw 'The fake gateway did not say where it listens within 30 s.'
    }
    [pscustomobject]@{ Process = $process; BaseUri = $line.Result.Trim(); ApiKey = $ApiKey }
}

<#
.SYNOPSIS
    The fake gateway's counters: chat_requests, billed, replayed, task_reads and the like.
#>
function Get-GatewayStats {
    param([Parameter(Mandatory)] $Gateway)
    Invoke-RestMethod "$($Gateway.BaseUri)/fake/stats" -Headers @{ Authorization = "Bearer $($Gateway.ApiKey)" }
}

function Stop-FakeGateway {
    param($Gateway)
    if ($Gateway -and -not $Gateway.Process.HasExited) {
        $Gateway.Process.Kill()
        $null = $Gateway.Process.WaitForExit(5000)
    }
}

<#
.SYNOPSIS
    Runs a script in a new pwsh process, as a user or a CI step would, and returns its exit code and output.
.DESCRIPTION
    The process finds Evolink on PSModulePath (as after Install-Module), takes the key and the gateway from
    the environment (EVOLINK_API_KEY, EVOLINK_BASE_URL) unless -Environment says otherwise, and keeps its
    configuration, history and caches in a folder of its own. A run that outlives -TimeoutSec is killed and
    the test fails.
#>
function Invoke-Pwsh {
    param(
        [Parameter(Position = 0)][string] $Script,
        # A script file of the repository to run instead of -Script.
        [string] $File,
        [Parameter(Mandatory)] $Gateway,
        [hashtable] $Environment = @{},
        [string[]] $Arguments = @(),
        [switch] $AsCommand,
        [switch] $NonInteractive,
        [string] $InputText,
        [string] $WorkingDirectory = $TestDrive,
        [int] $TimeoutSec = 60,
        # Return at once with the running process (for Wait-Pwsh, or to kill it).
        [switch] $Started
    )
    $command = Get-PwshCommand
    $start = [Diagnostics.ProcessStartInfo]::new($command[0])
    foreach ($a in @($command | Select-Object -Skip 1)) { $start.ArgumentList.Add($a) }
    $start.ArgumentList.Add('-NoProfile')
    $start.ArgumentList.Add('-NoLogo')
    if ($NonInteractive) { $start.ArgumentList.Add('-NonInteractive') }
    if ($File) {
        $start.ArgumentList.Add('-File')
        $start.ArgumentList.Add($File)
    } elseif ($AsCommand) {
        $start.ArgumentList.Add('-Command')
        $start.ArgumentList.Add($Script)
    } else {
        $file = Join-Path $WorkingDirectory ("step-{0}.ps1" -f [Guid]::NewGuid().ToString('N').Substring(0, 8))
        Set-Content -Path $file -Value $Script -Encoding utf8
        $start.ArgumentList.Add('-File')
        $start.ArgumentList.Add($file)
    }
    foreach ($a in $Arguments) { $start.ArgumentList.Add($a) }
    $start.WorkingDirectory = $WorkingDirectory
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.RedirectStandardInput = $true
    $userFolder = Join-Path $WorkingDirectory 'user'
    $settings = @{
        PSModulePath           = (Get-BuiltModule).ModulesFolder
        EVOLINK_API_KEY        = $Gateway.ApiKey
        EVOLINK_BASE_URL       = $Gateway.BaseUri
        EVOLINK_CONFIG         = Join-Path $userFolder 'config/evolink/config.json'
        EVOLINK_HISTORY_PATH   = Join-Path $userFolder 'data/evolink/history.jsonl'
        XDG_CONFIG_HOME        = Join-Path $userFolder 'config'
        XDG_DATA_HOME          = Join-Path $userFolder 'data'
        XDG_CACHE_HOME         = Join-Path $userFolder 'cache'
        POWERSHELL_TELEMETRY_OPTOUT = '1'
        POWERSHELL_UPDATECHECK = 'Off'
    }
    foreach ($name in $Environment.Keys) { $settings[$name] = $Environment[$name] }
    foreach ($name in $settings.Keys) {
        if ($null -eq $settings[$name]) { $null = $start.Environment.Remove($name) } else { $start.Environment[$name] = [string]$settings[$name] }
    }
    $process = [Diagnostics.Process]::Start($start)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if ($InputText) { $process.StandardInput.Write($InputText) }
    $process.StandardInput.Close()
    if ($Started) {
        # The caller waits (Wait-Pwsh) or kills it: several processes at once, or one killed mid-run.
        return [pscustomobject]@{ Process = $process; StandardOutput = $stdout; StandardError = $stderr; TimeoutSec = $TimeoutSec }
    }
    Wait-Pwsh ([pscustomobject]@{ Process = $process; StandardOutput = $stdout; StandardError = $stderr; TimeoutSec = $TimeoutSec })
}

<#
.SYNOPSIS
    Waits for a pwsh started with Invoke-Pwsh -Started, and returns its exit code and output.
#>
function Wait-Pwsh {
    param([Parameter(Mandatory)] $Started)
    $process = $Started.Process
    $stdout = $Started.StandardOutput
    $stderr = $Started.StandardError
    $TimeoutSec = $Started.TimeoutSec
    if (-not $process.WaitForExit($TimeoutSec * 1000)) {
        $process.Kill($true)
        throw "pwsh did not finish within $TimeoutSec s (a hang); it was stopped. Output so far:`n$($stdout.Result)`n$($stderr.Result)"
    }
    $process.WaitForExit()
    $output = $stdout.Result -replace "`r`n", "`n"
    $errors = $stderr.Result -replace "`r`n", "`n"
    # pwsh colours its own table headers and error lines even into a redirected stdout (unless NO_COLOR
    # or TERM=dumb); Text and ErrorText are what a reader sees, Output and Errors the bytes as written.
    [pscustomobject]@{
        ExitCode  = $process.ExitCode
        Output    = $output
        Errors    = $errors
        Text      = $output -replace "`e\[[0-9;]*m", ''
        ErrorText = $errors -replace "`e\[[0-9;]*m", ''
    }
}
