# build.ps1 as a contributor runs it, in real pwsh: it builds only when something
# changed, fails when Pester cannot be had, and -Task Pester runs only Pester.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Acceptance.ps1')
    $script:gateway = Start-FakeGateway
    $script:build = Join-Path (Get-RepositoryRoot) 'build.ps1'
    $configuration = if ($env:EVOLINK_TEST_CONFIGURATION) { $env:EVOLINK_TEST_CONFIGURATION } else { 'Release' }
    $script:stamp = Join-Path (Get-RepositoryRoot) "output/build-$configuration.stamp"
    $script:buildArguments = @('-Configuration', $configuration)

    # The suite's own build is current: any test below that needs it to be finds it so, at no cost.
    $ready = Invoke-Pwsh -AsCommand "& '$build' -Task Build -Configuration $configuration" -Gateway $gateway -TimeoutSec 300
    if ($ready.ExitCode -ne 0) { throw "build.ps1 -Task Build failed:`n$($ready.Text)`n$($ready.ErrorText)" }
}

AfterAll { Stop-FakeGateway $script:gateway }

Describe 'build.ps1' {
    It 'does not build again when nothing changed since the last build' {
        $before = (Get-Item $stamp).LastWriteTimeUtc

        $run = Invoke-Pwsh -File $build -Arguments (@('-Task', 'Build') + $buildArguments) -Gateway $gateway -TimeoutSec 300

        $run.ExitCode | Should -Be 0
        $run.Text | Should -Match 'Up to date: nothing changed since the last'
        (Get-Item $stamp).LastWriteTimeUtc | Should -Be $before
    }

    It 'does not build again when only the npm packages the tests install are newer' {
        $installed = Join-Path (Get-RepositoryRoot) 'tests/McpServers/node_modules/@modelcontextprotocol/server-everything/package.json'
        (Get-Item $installed).LastWriteTimeUtc = [datetime]::UtcNow.AddMinutes(1)

        $run = Invoke-Pwsh -File $build -Arguments (@('-Task', 'Build') + $buildArguments) -Gateway $gateway -TimeoutSec 300

        $run.ExitCode | Should -Be 0
        $run.Text | Should -Match 'Up to date: nothing changed since the last'
    }

    It 'builds again when a source file is newer than the last build' {
        (Get-Item $stamp).LastWriteTimeUtc = [datetime]::new(2000, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)

        $run = Invoke-Pwsh -File $build -Arguments (@('-Task', 'Build') + $buildArguments) -Gateway $gateway -TimeoutSec 300

        $run.ExitCode | Should -Be 0
        $run.Text | Should -Match 'Module built in .* was newer than the last build'
        (Get-Item $stamp).LastWriteTimeUtc | Should -BeGreaterThan ([datetime]::UtcNow.AddMinutes(-5))
    }

    It 'fails, naming Pester, when Pester cannot be found; it never skips the tests' {
        $emptyCache = Join-Path $TestDrive 'no-packages'
        $null = New-Item -ItemType Directory -Force $emptyCache

        $run = Invoke-Pwsh -File $build -Arguments (@('-Task', 'Test') + $buildArguments) -Gateway $gateway -Environment @{ NUGET_PACKAGES = $emptyCache } -TimeoutSec 120

        $run.ExitCode | Should -Be 1
        $run.ErrorText | Should -Match 'Pester 5\.9\.1 is missing'
    }

    It 'runs only the Pester tests with -Task Pester, filtered by -Filter' {
        $run = Invoke-Pwsh -File $build -Arguments (@('-Task', 'Pester', '-Filter', '*works again after Remove-Module*') + $buildArguments) -Gateway $gateway -TimeoutSec 300

        $run.ExitCode | Should -Be 0
        $run.Text | Should -Match '\[\+\] works again after Remove-Module'
        $run.Text | Should -Match 'Pester 5\.9\.1: 1 passed, 0 failed, 0 skipped, \d+ left out by -Filter'
        $run.Text | Should -Not -Match 'Passed!|Failed!|Total tests'
    }
}
