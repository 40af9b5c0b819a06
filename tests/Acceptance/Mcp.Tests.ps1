# Tools from MCP servers nobody here wrote (the npm reference servers, installed into tests/McpServers by build.ps1),
# used from real pwsh: what a server offers, a call confirmed or not, -WhatIf, and no server outliving its command.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Acceptance.ps1')
    $script:gateway = Start-FakeGateway
    $servers = Join-Path (Get-RepositoryRoot) 'tests/McpServers/node_modules/@modelcontextprotocol'
    $script:everythingJs = Join-Path $servers 'server-everything/dist/index.js'
    $script:filesystemJs = Join-Path $servers 'server-filesystem/dist/index.js'
    # Each run marks its server's command line, so the test can see whether that process is still there afterwards.
    $script:marker = 'evolink-pester-' + [Guid]::NewGuid().ToString('N')
    function Get-MarkedProcess([string] $Marker) {
        Get-ChildItem /proc -Directory | Where-Object Name -Match '^\d+$' | Where-Object {
            try { [IO.File]::ReadAllText((Join-Path $_.FullName 'cmdline')).Contains($Marker) } catch { $false }
        }
    }
}

AfterAll { Stop-FakeGateway $script:gateway }

Describe 'Tools from MCP servers' {
    It 'lists what the reference servers offer, with their schemas' {
        $notes = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'notes')
        $run = Invoke-Pwsh -AsCommand @"
`$everything = @{ Name = 'everything'; Command = 'node'; Arguments = '$everythingJs', 'stdio' }
`$files = @{ Name = 'files'; Command = 'node'; Arguments = '$filesystemJs', '$($notes.FullName)' }
Get-EvolinkMcpTool `$everything -McpTool echo, get-sum | ForEach-Object { `$_.OfferedAs + ' ' + (`$_.InputSchema | ConvertFrom-Json).properties.PSObject.Properties.Name -join ' ' }
(Get-EvolinkMcpTool `$files).OfferedAs -contains 'files__read_text_file'
"@ -Gateway $gateway

        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text.Trim() -split "`n" | Should -Be @('everything__echo message', 'everything__get-sum a b', 'True')
    }

    It 'lets the model call a tool with -Force, hands it the output, and stops the server when the command ends' {
        $notes = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'notes2')
        Set-Content (Join-Path $notes 'firewall.md') 'Port 8443 opened for the build agents on 2026-12-01.'
        $file = Join-Path $notes 'firewall.md'
        $run = Invoke-Pwsh -AsCommand @"
`$files = @{ Name = 'files'; Command = 'node'; Arguments = '$filesystemJs', '$($notes.FullName)', '$marker' }
(Invoke-EvolinkChat '{"path":"$file"}' -Model fake-tool-caller -McpServer `$files -McpTool read_text_file -Force).Text
"@ -Gateway $gateway

        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text.Trim() | Should -Be 'Results: Port 8443 opened for the build agents on 2026-12-01.'
        @(Get-MarkedProcess $marker).Count | Should -Be 0
    }

    It 'names a server once, then uses it by name in the next session (completed by Tab), and stops it afterwards' {
        $notes = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'notes3')
        Set-Content (Join-Path $notes 'dns.md') 'The resolvers are 10.0.0.53 and 10.0.1.53.'
        $file = Join-Path $notes 'dns.md'
        $register = Invoke-Pwsh -AsCommand "Register-EvolinkMcpServer notes node -ArgumentList '$filesystemJs', '$($notes.FullName)', '$marker'" -Gateway $gateway
        $use = Invoke-Pwsh -AsCommand @"
(TabExpansion2 'Invoke-EvolinkChat x -McpServer no' 33).CompletionMatches.CompletionText
(Invoke-EvolinkChat '{"path":"$file"}' -Model fake-tool-caller -McpServer notes -McpTool read_text_file -Force).Text
"@ -Gateway $gateway

        $register.ExitCode | Should -Be 0
        $register.ErrorText | Should -BeNullOrEmpty
        $use.ErrorText | Should -BeNullOrEmpty
        $use.Text.Trim() -split "`n" | Should -Be @('notes', 'Results: The resolvers are 10.0.0.53 and 10.0.1.53.')
        @(Get-MarkedProcess $marker).Count | Should -Be 0
    }

    It 'declines a call that nobody could confirm under -NonInteractive, saying how to allow it' {
        $run = Invoke-Pwsh -NonInteractive -AsCommand @"
(Invoke-EvolinkChat '{"message":"may I?"}' -Model fake-tool-caller -McpServer @{ Name = 'everything'; Command = 'node'; Arguments = '$everythingJs', 'stdio' } -McpTool echo).Text
"@ -Gateway $gateway

        $lines = $run.Text.Trim() -split "`n"
        $lines | Should -Contain 'Results: The user declined this call.'
        $run.Text | Should -Match 'WARNING: A tool call was declined because this session cannot ask for confirmation; pass -Force'
    }

    It 'checks the model''s arguments against the tool''s schema before anything runs' {
        $run = Invoke-Pwsh -AsCommand @"
(Invoke-EvolinkChat '{"a":"one","b":2}' -Model fake-tool-caller -McpServer @{ Name = 'everything'; Command = 'node'; Arguments = '$everythingJs', 'stdio' } -McpTool get-sum -Force).Text
"@ -Gateway $gateway

        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text.Trim() | Should -Be "Results: Error: the arguments do not match the schema of 'everything__get-sum'; nothing was run. `$.a: expected number, got string."
    }

    It 'starts no server under -WhatIf' {
        $started = Join-Path $TestDrive 'started.txt'
        $run = Invoke-Pwsh -AsCommand @"
Invoke-EvolinkChat 'x' -Model fake-tool-caller -McpServer @{ Name = 'probe'; Command = 'node'; Arguments = '-e', "require('fs').writeFileSync('$started', 'started')" } -WhatIf
"@ -Gateway $gateway

        $run.Text | Should -Match 'What if: '
        Test-Path $started | Should -BeFalse
    }

    It 'gives one clear error when a server does not start, and leaves nothing behind' {
        $run = Invoke-Pwsh -AsCommand @"
try { Invoke-EvolinkChat 'x' -McpServer @{ Name = 'mute'; Command = 'node'; Arguments = '-e', 'setInterval(() => {}, 1000)', '$marker-mute'; StartTimeoutSec = 2 } -ErrorAction Stop }
catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }
"@ -Gateway $gateway

        $lines = $run.Text.Trim() -split "`n"
        $lines[0] | Should -Be 'EvolinkMcpServerFailed,Evolink.Commands.InvokeEvolinkChatCommand'
        $lines[1] | Should -Match "^The MCP server 'mute' \(node\) did not complete the handshake within 2 s\."
        @(Get-MarkedProcess "$marker-mute").Count | Should -Be 0
    }
}
