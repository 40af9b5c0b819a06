# Text pipelines: files in, files out, with pwsh's own Get-Content, Set-Content,
# Out-File, redirection, CSV and ForEach-Object -Parallel, each run by a fresh pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Acceptance.ps1')
    $script:gateway = Start-FakeGateway
}

AfterAll { Stop-FakeGateway $script:gateway }

Describe 'A text pipeline' {
    It 'fixes a file into another file: only the answer text is written' {
        Set-Content (Join-Path $TestDrive 'notes.txt') "their going to the meeting tomorow`nsecond line" -NoNewline

        $run = Invoke-Pwsh -AsCommand @'
Get-Content notes.txt -Raw | Invoke-EvolinkChat -SystemPrompt 'Fix the grammar; answer with the text only.' |
    ForEach-Object Text | Set-Content fixed.txt
'@ -Gateway $gateway

        $run.ExitCode | Should -Be 0
        $run.Output | Should -BeNullOrEmpty
        Get-Content (Join-Path $TestDrive 'fixed.txt') -Raw | Should -BeExactly "their going to the meeting tomorow`nsecond line$([Environment]::NewLine)"
    }

    It 'answers each line of a file in order, one line out per line in' {
        Set-Content (Join-Path $TestDrive 'prompts.txt') @('What is DNS?', 'What is DHCP?', 'What is NTP?', 'What is LDAP?')

        $run = Invoke-Pwsh -AsCommand 'Get-Content prompts.txt | Invoke-EvolinkChat -ThrottleLimit 4 | Set-Content answers.txt' -Gateway $gateway

        $run.ExitCode | Should -Be 0
        Get-Content (Join-Path $TestDrive 'answers.txt') | Should -Be @('What is DNS?', 'What is DHCP?', 'What is NTP?', 'What is LDAP?')
    }

    It 'goes on past a failed line: one error for it, the other answers in order, exit code 1 at the end' {
        Set-Content (Join-Path $TestDrive 'mixed.txt') @('one', '', 'three')

        $run = Invoke-Pwsh -AsCommand '(Get-Content mixed.txt | Invoke-EvolinkChat).Text' -Gateway $gateway

        $run.Text.Trim() -split "`n" | Should -Be @('one', 'three')
        $run.ErrorText | Should -Match 'The prompt is empty'
        ([regex]::Matches($run.ErrorText, 'The prompt is empty')).Count | Should -Be 1
    }

    It 'takes rows from CSV and keeps their order through a throttled batch' {
        Set-Content (Join-Path $TestDrive 'tickets.csv') @('Id,Title', '1,VPN down', '2,Printer jammed', '3,Password expired')

        $run = Invoke-Pwsh -AsCommand @'
Import-Csv tickets.csv | ForEach-Object { "Ticket $($_.Id): $($_.Title)" } |
    Invoke-EvolinkChat -ThrottleLimit 3 | ForEach-Object { $_.Input + ' => ' + $_.Text }
'@ -Gateway $gateway

        $run.ExitCode | Should -Be 0
        $run.Text.Trim() -split "`n" | Should -Be @(
            'Ticket 1: VPN down => Ticket 1: VPN down'
            'Ticket 2: Printer jammed => Ticket 2: Printer jammed'
            'Ticket 3: Password expired => Ticket 3: Password expired')
    }
}

Describe 'Redirection and files' {
    It 'writes exactly the answer to a file with >, >> and Out-File, streamed or not' {
        $run = Invoke-Pwsh -AsCommand @'
Invoke-EvolinkChat 'first answer' > plain.txt
Invoke-EvolinkChat 'second answer' >> plain.txt
Invoke-EvolinkChat 'streamed answer' -Stream > streamed.txt
Invoke-EvolinkChat 'out-file answer' | Out-File outfile.txt
Invoke-EvolinkChat 'text answer' -Stream -AsText > text.txt
'@ -Gateway $gateway

        $run.ExitCode | Should -Be 0
        $nl = [Environment]::NewLine
        Get-Content (Join-Path $TestDrive 'plain.txt') -Raw | Should -BeExactly "first answer${nl}second answer$nl"
        Get-Content (Join-Path $TestDrive 'streamed.txt') -Raw | Should -BeExactly "streamed answer$nl"
        Get-Content (Join-Path $TestDrive 'outfile.txt') -Raw | Should -BeExactly "out-file answer$nl"
        Get-Content (Join-Path $TestDrive 'text.txt') -Raw | Should -BeExactly "text answer$nl"
        # The streamed replies were shown live, once each; nothing else reached the console.
        $run.Text.Trim() -split "`n" | Should -Be @('streamed answer', 'text answer')
    }

    It 'gives a variable the streamed reply, which then shows its text' {
        $run = Invoke-Pwsh -AsCommand @'
$r = Invoke-EvolinkChat 'kept for later' -Stream
'---'
$r
'@ -Gateway $gateway

        $run.Text.Trim() -split "`n" | Should -Be @('kept for later', '---', 'kept for later')
    }

    It 'shows a reply that only calls tools as its calls, and every choice of several' {
        $run = Invoke-Pwsh -AsCommand @'
$ticket = New-EvolinkTool -Name Open-Ticket -Description 'Opens a ticket.' -Schema @{ type = 'object'; properties = @{ title = @{ type = 'string' } } }
Invoke-EvolinkChat '{"title":"VPN down"}' -Model fake-tool-caller -Tools $ticket
Invoke-EvolinkChat 'same' -Count 2
'@ -Gateway $gateway

        $run.ExitCode | Should -Be 0
        $run.Text.Trim() -split "`n" | Should -Be @('Open-Ticket {"title":"VPN down"}', '[choice 1 of 2]', 'same', '[choice 2 of 2]', 'same')
    }
}

Describe 'Concurrency' {
    BeforeEach {
        # A gateway of each test's own, so its count of requests at once is this test's alone.
        $script:own = Start-FakeGateway
    }
    AfterEach { Stop-FakeGateway $script:own }

    It 'sends up to -ThrottleLimit requests at once and answers in input order' {
        $run = Invoke-Pwsh -AsCommand '(1..12 | ForEach-Object { "prompt $_" } | Invoke-EvolinkChat -Model fake-delay-300 -ThrottleLimit 6).Text -join ","' -Gateway $own

        $run.ExitCode | Should -Be 0
        $run.Text.Trim() | Should -BeExactly ((1..12 | ForEach-Object { "prompt $_" }) -join ',')
        (Get-GatewayStats $own).max_in_flight | Should -Be 6
    }

    It 'works from ForEach-Object -Parallel runspaces, each loading the module on its own' {
        $run = Invoke-Pwsh -AsCommand @'
$answers = 1..8 | ForEach-Object -Parallel { (Invoke-EvolinkChat "parallel $_" -Model fake-delay-300).Text } -ThrottleLimit 4
($answers | Sort-Object { [int]($_ -replace '\D') }) -join ','
'@ -Gateway $own

        $run.ExitCode | Should -Be 0
        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text.Trim() | Should -BeExactly ((1..8 | ForEach-Object { "parallel $_" }) -join ',')
        (Get-GatewayStats $own).max_in_flight | Should -Be 4
    }
}
