# Runs that remember, as CI steps meet them: each run a fresh pwsh, killed for real (SIGKILL) and run again,
# shards as parallel processes, a journal two processes reach for at once.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Acceptance.ps1')
    $script:gateway = Start-FakeGateway

    function Get-JournalLines([string] $Path) {
        if (-not (Test-Path $Path)) { return @() }
        @(Get-Content $Path | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json })
    }
}

AfterAll { Stop-FakeGateway $script:gateway }

Describe 'A journaled run' {
    It 'killed mid-run and run again, answers every input once, in order, and the gateway bills no input twice' {
        $prompts = 1..40 | ForEach-Object { "prompt $_" }
        Set-Content (Join-Path $TestDrive 'prompts.txt') $prompts
        $journal = Join-Path $TestDrive 'run.jsonl'
        $command = 'Get-Content prompts.txt | Invoke-EvolinkChat -Model fake-delay-150 -ThrottleLimit 4 -Journal ./run.jsonl | ForEach-Object Text | Set-Content answers.txt'
        $before = Get-GatewayStats $gateway

        $first = Invoke-Pwsh -AsCommand $command -Gateway $gateway -Started
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ((Get-JournalLines $journal).Count -lt 8 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $first.Process.Kill()
        $first.Process.WaitForExit()
        $recordedAtKill = (Get-JournalLines $journal).Count
        $recordedAtKill | Should -BeGreaterOrEqual 8
        $recordedAtKill | Should -BeLessThan 40

        $second = Invoke-Pwsh -AsCommand $command -Gateway $gateway
        $second.ExitCode | Should -Be 0
        Get-Content (Join-Path $TestDrive 'answers.txt') | Should -Be $prompts
        $lines = Get-JournalLines $journal
        @($lines | Where-Object { $null -eq $_.error }).Count | Should -Be 40
        @($lines.custom_id | Sort-Object -Unique).Count | Should -Be 40
        # Each input billed once: a request the first process had in flight comes back as a replay, not a charge.
        $after = Get-GatewayStats $gateway
        ($after.billed - $before.billed) | Should -BeLessOrEqual 40
        ($after.billed - $before.billed) + ($after.replayed - $before.replayed) | Should -BeGreaterOrEqual (40 - $recordedAtKill)
    }

    It 'resumes in another process with the same hashtable options: the same request, nothing sent again' {
        $command = "Invoke-EvolinkChat 'same settings' -AdditionalFields @{ zeta = 1; alpha = 2; mid = 3; beta = 4; omega = 5; gamma = 6; delta = 7 } -Journal ./options.jsonl | ForEach-Object FromJournal"

        (Invoke-Pwsh -AsCommand $command -Gateway $gateway).Text.Trim() | Should -Be 'False'
        (Invoke-Pwsh -AsCommand $command -Gateway $gateway).Text.Trim() | Should -Be 'True'
    }

    It 'is refused to a second process while the first has the journal, with what to do' {
        $first = Invoke-Pwsh -AsCommand "Invoke-EvolinkChat 'slow one' -Model fake-delay-3000 -Journal ./shared.jsonl | Out-Null" -Gateway $gateway -Started
        $journal = Join-Path $TestDrive 'shared.jsonl'
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while (-not (Test-Path $journal) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }

        $second = Invoke-Pwsh -AsCommand "Invoke-EvolinkChat 'meanwhile' -Journal ./shared.jsonl" -Gateway $gateway
        $second.ExitCode | Should -Be 1
        $second.ErrorText | Should -Match 'in use by another run'
        $second.ErrorText | Should -Match 'its own -Journal'

        (Wait-Pwsh $first).ExitCode | Should -Be 0
        @(Get-JournalLines $journal).Count | Should -Be 1
    }
}

Describe 'A run split across machines' {
    It 'sends each input once from four parallel shards, and Merge-EvolinkJournal gives them back in order' {
        $prompts = 1..30 | ForEach-Object { "ticket $_" }
        Set-Content (Join-Path $TestDrive 'tickets.txt') $prompts
        $before = Get-GatewayStats $gateway

        $shards = 1..4 | ForEach-Object {
            Invoke-Pwsh -AsCommand "Get-Content tickets.txt | Invoke-EvolinkChat -ThrottleLimit 4 -Shard $_/4 -Journal ./journal-$_.jsonl | Out-Null" -Gateway $gateway -Started
        }
        foreach ($shard in $shards) { (Wait-Pwsh $shard).ExitCode | Should -Be 0 }

        ((Get-GatewayStats $gateway).chat_requests - $before.chat_requests) | Should -Be 30
        $merged = Invoke-Pwsh -AsCommand 'Merge-EvolinkJournal ./journal-*.jsonl -AsText' -Gateway $gateway -Environment @{ EVOLINK_API_KEY = $null }
        $merged.ExitCode | Should -Be 0
        $merged.Text.Trim() -split "`n" | Should -Be $prompts
    }
}

Describe 'Scripts tested offline' {
    It 'runs the documented Pester example with no key and no gateway, from its recorded answers' {
        $pester = (Get-Module Pester).Path
        $examples = Join-Path (Get-RepositoryRoot) 'docs/examples'
        $run = Invoke-Pwsh -AsCommand "Import-Module '$pester'; `$r = Invoke-Pester '$examples' -PassThru -Output None; `"`$(`$r.PassedCount) passed, `$(`$r.FailedCount) failed`"; exit `$r.FailedCount" `
            -Gateway $gateway -Environment @{ EVOLINK_API_KEY = $null; EVOLINK_BASE_URL = 'http://127.0.0.1:9' }

        $run.Text.Trim() | Should -Be '1 passed, 0 failed'
        $run.ExitCode | Should -Be 0
    }

    It 'records with a key, then replays with none, and a changed prompt fails naming what differs' {
        $record = Invoke-Pwsh -AsCommand "Invoke-EvolinkChat 'What is DNS?' -Replay ./answers.jsonl -ReplayMode Record | ForEach-Object Text" -Gateway $gateway
        $record.Text.Trim() | Should -Be 'What is DNS?'

        $offline = @{ EVOLINK_API_KEY = $null; EVOLINK_BASE_URL = 'http://127.0.0.1:9'; EVOLINK_REPLAY = (Join-Path $TestDrive 'answers.jsonl') }
        (Invoke-Pwsh -AsCommand "(Invoke-EvolinkChat 'What is DNS?').Text" -Gateway $gateway -Environment $offline).Text.Trim() | Should -Be 'What is DNS?'

        $miss = Invoke-Pwsh -AsCommand "Invoke-EvolinkChat 'What is DHCP?' -ErrorAction Stop" -Gateway $gateway -Environment $offline
        $miss.ExitCode | Should -Be 1
        $miss.ErrorText | Should -Match 'No answer is recorded'
        $miss.ErrorText | Should -Match 'What is DHCP'
    }
}
