# Objects in, objects out, as a pipeline and a CI step meet them: each run a fresh pwsh process.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Acceptance.ps1')
    $script:gateway = Start-FakeGateway
}

AfterAll { Stop-FakeGateway $script:gateway }

Describe 'Add-EvolinkProperty in a CSV pipeline' {
    BeforeAll {
        $rows = 1..45 | ForEach-Object {
            $topic = ('network', 'hardware', 'access')[$_ % 3]
            [pscustomobject]@{ Id = $_; Title = "ticket $_"; Body = "the $topic problem of ticket $_" }
        }
        $rows | Export-Csv (Join-Path $TestDrive 'tickets.csv')
        $script:command = "Import-Csv ./tickets.csv | Add-EvolinkProperty @{ Category = 'network', 'hardware', 'access', 'other'; Urgency = [int]; Escalate = [bool] } " +
            "-Instructions 'Classify IT support tickets.' -InputProperty Title, Body -Journal ./fill.jsonl | Export-Csv ./classified.csv"
    }

    It 'writes every row once, in order, with its new columns, in three requests' {
        $before = Get-GatewayStats $gateway
        $run = Invoke-Pwsh -AsCommand $command -Gateway $gateway
        $run.ExitCode | Should -Be 0
        $run.ErrorText | Should -BeNullOrEmpty

        $out = Import-Csv (Join-Path $TestDrive 'classified.csv')
        $out.Id | Should -Be (1..45 | ForEach-Object { "$_" })
        ($out | Get-Member -MemberType NoteProperty).Name | Should -Be @('Body', 'Category', 'Escalate', 'Id', 'Title', 'Urgency')
        $out[0..2].Category | Should -Be @('hardware', 'access', 'network')
        $out[0].Urgency | Should -Match '^[1-5]$'
        ((Get-GatewayStats $gateway).chat_requests - $before.chat_requests) | Should -Be 3
    }

    It 'run again in a new process with the same journal, sends nothing and writes the same file' {
        $first = Get-Content (Join-Path $TestDrive 'classified.csv') -Raw
        $before = Get-GatewayStats $gateway

        $run = Invoke-Pwsh -AsCommand $command -Gateway $gateway

        $run.ExitCode | Should -Be 0
        Get-Content (Join-Path $TestDrive 'classified.csv') -Raw | Should -BeExactly $first
        ((Get-GatewayStats $gateway).chat_requests - $before.chat_requests) | Should -Be 0
    }
}

Describe 'Add-EvolinkProperty as a CI step' {
    It 'labels changed files, fails the step on a row the model cannot fill, and says which' {
        Set-Content (Join-Path $TestDrive 'changed.txt') 'docs/README.md', 'src/Evolink/x.cs [skip]', 'tests/a.Tests.ps1'
        $script = "Get-Content ./changed.txt | Add-EvolinkProperty @{ Area = 'docs', 'src', 'tests' } -ErrorAction Stop | ForEach-Object { `"`$(`$_.Value) `$(`$_.Area)`" }"

        $run = Invoke-Pwsh -AsCommand $script -Gateway $gateway

        $run.ExitCode | Should -Not -Be 0
        $run.Text | Should -Match 'docs/README.md docs'
        ($run.ErrorText -replace '\s+', ' ') | Should -Match 'Input 2: The model did not fill the declared properties \(the reply left it out; asked 3 times\)'
    }
}
