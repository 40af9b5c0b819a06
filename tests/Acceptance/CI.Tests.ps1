# CI steps: `pwsh -NonInteractive -File step.ps1`, the key only from the
# environment, judged by the process's exit code and what it leaves behind.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Acceptance.ps1')
    $script:gateway = Start-FakeGateway -ApiKey 'sk-ci-canary-0123456789'
}

AfterAll { Stop-FakeGateway $script:gateway }

Describe 'A CI step' {
    It 'writes a review file, reports tokens and request id, and exits 0' {
        Set-Content (Join-Path $TestDrive 'diff.txt') '{ "verdict": "pass", "reasons": ["small change"] }'

        $run = Invoke-Pwsh @'
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$schema = @{ type = 'object'; properties = @{ verdict = @{ type = 'string'; enum = @('pass', 'fail') }; reasons = @{ type = 'array'; items = @{ type = 'string' } } }; required = @('verdict', 'reasons') }
$review = Invoke-EvolinkChat (Get-Content diff.txt -Raw) -SystemPrompt 'Review this diff.' -JsonSchema $schema
$review.Data.verdict | Set-Content verdict.txt
"Tokens used: $($review.Usage.TotalTokens) (request $($review.RequestId))"
'@ -Gateway $gateway -NonInteractive

        $run.ExitCode | Should -Be 0
        $run.ErrorText | Should -BeNullOrEmpty
        Get-Content (Join-Path $TestDrive 'verdict.txt') | Should -BeExactly 'pass'
        $run.Text | Should -Match '(?m)^Tokens used: \d+ \(request req-fake-\d+\)$'
    }

    It 'stops at the failed call with -ErrorAction Stop and exits 1 with the ErrorId, the request id and no key' {
        $run = Invoke-Pwsh @'
Invoke-EvolinkChat 'x' -Model fake-status-401 -ErrorAction Stop
'not reached' | Set-Content reached.txt
'@ -Gateway $gateway -NonInteractive

        $run.ExitCode | Should -Be 1
        Join-Path $TestDrive 'reached.txt' | Should -Not -Exist
        $run.ErrorText | Should -Match 'HTTP 401'
        $run.ErrorText | Should -Match 'req-fake-'
        $run.Output + $run.Errors | Should -Not -Match 'sk-ci-canary'
    }

    It 'stops at the first failure under $ErrorActionPreference = Stop, and the error record says what failed' {
        $run = Invoke-Pwsh @'
$ErrorActionPreference = 'Stop'
try { Invoke-EvolinkChat 'x' -Model fake-status-429 -MaximumRetryCount 0 }
catch { "id=$($_.FullyQualifiedErrorId) category=$($_.CategoryInfo.Category)"; exit 3 }
'@ -Gateway $gateway -NonInteractive

        $run.ExitCode | Should -Be 3
        $run.Text | Should -Match '(?m)^id=EvolinkRateLimited,Evolink\.Commands\.InvokeEvolinkChatCommand category=LimitsExceeded$'
    }

    It 'without EVOLINK_API_KEY fails at once, exit 1, saying where a key can come from and asking nothing' {
        $run = Invoke-Pwsh "`$ErrorActionPreference = 'Stop'; Invoke-EvolinkChat 'x'; 'not reached'" -Gateway $gateway -NonInteractive -Environment @{ EVOLINK_API_KEY = $null }

        $run.ExitCode | Should -Be 1
        $run.ErrorText | Should -Match 'EVOLINK_API_KEY'
        $run.ErrorText | Should -Match '-ApiKey'
        $run.Text | Should -Not -Match 'not reached'
    }

    It 'never shows the key: not in verbose text, not in errors, not when the gateway echoes it back' {
        $run = Invoke-Pwsh @'
Invoke-EvolinkChat 'x' -Model hostile-echo-401 -MaximumRetryCount 0 -Verbose -ErrorAction Continue *>&1 | Out-String -Width 500
Invoke-EvolinkChat 'x' -Model hostile-echo-500 -MaximumRetryCount 0 -Verbose -ErrorAction Continue *>&1 | Out-String -Width 500
$Error | Format-List * -Force | Out-String -Width 500
'@ -Gateway $gateway -NonInteractive

        $run.Text | Should -Match 'Using the API key from the environment variable EVOLINK_API_KEY'
        $run.Text | Should -Match 'HTTP 401'
        $run.Output + $run.Errors | Should -Not -Match 'sk-ci-canary'
    }

    It 'refuses Enter-EvolinkChat under -NonInteractive before writing anything, naming Invoke-EvolinkChat' {
        $run = Invoke-Pwsh -AsCommand 'Enter-EvolinkChat' -Gateway $gateway -NonInteractive

        $run.ExitCode | Should -Be 1
        $run.Output | Should -BeNullOrEmpty
        $run.ErrorText | Should -Match 'not interactive'
        $run.ErrorText | Should -Match 'Invoke-EvolinkChat'
    }

    It 'shows -Debug lines without asking, also under -NonInteractive, and $DebugPreference keeps them in the stream' {
        $run = Invoke-Pwsh @'
Invoke-EvolinkChat 'debug me' -Debug | Out-Null
$DebugPreference = 'Continue'
$records = Invoke-EvolinkChat 'again' 5>&1 | Where-Object { $_ -is [Management.Automation.DebugRecord] }
'debug records: ' + @($records).Count
'@ -Gateway $gateway -NonInteractive

        $run.ExitCode | Should -Be 0
        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text | Should -Match '(?m)^DEBUG: .*chat/completions'
        $run.Text | Should -Match '(?m)^debug records: [1-9]'
        $run.Output + $run.Errors | Should -Not -Match 'sk-ci-canary'
    }

    It 'gives stack traces with the source''s own paths (/_/src/...), not the build machine''s' {
        $run = Invoke-Pwsh @'
try { Invoke-EvolinkChat 'x' -Model fake-status-400 -ErrorAction Stop } catch { $_.Exception.StackTrace }
'@ -Gateway $gateway -NonInteractive

        $run.Text | Should -Match '/_/src/Evolink\.Core/'
        $run.Text | Should -Not -Match ([regex]::Escape((Get-RepositoryRoot)))
    }
}
