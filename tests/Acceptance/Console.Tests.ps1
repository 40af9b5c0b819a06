# An administrator at a console: each scenario is what they would type, run by a
# fresh pwsh process against the fake gateway, and judged by what pwsh printed.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Acceptance.ps1')
    $script:gateway = Start-FakeGateway
}

AfterAll { Stop-FakeGateway $script:gateway }

Describe 'Asking at a console' {
    It 'shows the answer of a plain call as its text, found without Import-Module' {
        $run = Invoke-Pwsh -AsCommand "Invoke-EvolinkChat 'What is DNS?'" -Gateway $gateway

        $run.ExitCode | Should -Be 0
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Trim() | Should -BeExactly 'What is DNS?'
    }

    It 'streams with -Stream, shows the text once, and keeps the whole response in a variable' {
        $run = Invoke-Pwsh -AsCommand "`$r = Invoke-EvolinkChat 'streamed words arrive' -Stream; 'kept: ' + `$r.Text + ' | streamed: ' + `$r.Streamed" -Gateway $gateway

        $run.ExitCode | Should -Be 0
        [regex]::Matches($run.Output, 'streamed words arrive').Count | Should -Be 2 -Because 'once as it streamed, once from the variable'
        $run.Output | Should -Match '(?m)^kept: streamed words arrive \| streamed: True$'
    }

    It 'continues a conversation piped back in, sending what came before' {
        $run = Invoke-Pwsh -AsCommand @'
$first = Invoke-EvolinkChat 'My name is Ada.' -Model fake-transcript
($first | Invoke-EvolinkChat 'What is my name?').Text
'@ -Gateway $gateway

        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match '(?m)^user: My name is Ada\.$'
        $run.Output | Should -Match '(?m)^assistant: user: My name is Ada\.$'
        $run.Output | Should -Match '(?m)^user: What is my name\?$'
    }

    It 'sends an image file as a data: URI of its type and an https URL as it is' {
        $png = [Convert]::FromBase64String('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==')
        [IO.File]::WriteAllBytes((Join-Path $TestDrive 'shot.png'), $png)

        $run = Invoke-Pwsh -AsCommand "(Invoke-EvolinkChat 'What is here?' -Image ./shot.png, https://example.com/a.jpg -Model fake-transcript).Text" -Gateway $gateway

        $run.ExitCode | Should -Be 0
        $run.Output.Trim() | Should -BeExactly 'user: What is here? [image data:image/png] [image https://example.com/a.jpg]'
    }

    It 'lists the models this key may use and shows the balance' {
        $run = Invoke-Pwsh -AsCommand "(Get-EvolinkModel).Id -join ','; 'remaining: ' + (Get-EvolinkCredit).Available" -Gateway $gateway

        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match '(?m)^claude-sonnet-4-5,deepseek-chat,.*gpt-5\.2'
        $run.Output | Should -Match '(?m)^remaining: 50$'
    }

    It 'shows a conversation''s messages as a table of roles and text' {
        $run = Invoke-Pwsh -AsCommand "(Invoke-EvolinkChat 'table me').Conversation.Messages" -Gateway $gateway

        $run.ExitCode | Should -Be 0
        $run.Text | Should -Match '(?m)^Role\s+.*Content'
        $run.Text | Should -Match '(?m)^user\s+.*table me'
        $run.Text | Should -Match '(?m)^assistant\s+.*table me'
    }

    It 'refuses to send the key over plain http to another machine, naming the switch that allows it' {
        $run = Invoke-Pwsh -AsCommand "Invoke-EvolinkChat 'x' -BaseUri http://gateway.example.invalid" -Gateway $gateway

        $run.ExitCode | Should -Be 1
        $run.ErrorText | Should -Match 'AllowUnencryptedAuthentication'
        $run.Errors | Should -Not -Match $gateway.ApiKey
    }
}
