# Starts and stops the fake gateway for the Pester tests. The built
# FakeEvolink.dll is run directly (not through `dotnet run`, whose child
# process would outlive Stop-Process and keep the port).

function Start-FakeGateway {
    param([string] $ApiKey = 'sk-fake-0123456789abcdef')
    $root = Split-Path -Parent $PSScriptRoot
    $configuration = if ($env:EVOLINK_TEST_CONFIGURATION) { $env:EVOLINK_TEST_CONFIGURATION } else { 'Release' }
    $dll = Join-Path $root "tests/FakeEvolink/bin/$configuration/net10.0/FakeEvolink.dll"
    if (-not (Test-Path $dll)) { throw "The fake gateway is not built: $dll. Run ./build.ps1 -Task Test, or dotnet build tests/FakeEvolink -c $configuration." }
    $port = Get-Random -Minimum 20000 -Maximum 60000
    $baseUri = "http://127.0.0.1:$port"
    $process = Start-Process -FilePath dotnet -PassThru -NoNewWindow -ArgumentList @($dll, '--urls', $baseUri, '--api-key', $ApiKey)
    $deadline = (Get-Date).AddSeconds(30)
    while ((Get-Date) -lt $deadline) {
        try {
            $null = Invoke-WebRequest "$baseUri/v1/models" -UseBasicParsing -ErrorAction Stop
            break
        } catch {
            # A refused connection has no Response; any HTTP answer (401 without a key) means it is listening.
            if ($_.Exception.PSObject.Properties['Response'] -and $_.Exception.Response) { break }
            Start-Sleep -Milliseconds 200
        }
    }
    [pscustomobject]@{ Process = $process; BaseUri = $baseUri }
}

function Stop-FakeGateway {
    param($Gateway)
    if ($Gateway -and $Gateway.Process -and -not $Gateway.Process.HasExited) {
        Stop-Process -Id $Gateway.Process.Id -Force -ErrorAction SilentlyContinue
        $Gateway.Process.WaitForExit(5000) | Out-Null
    }
}
