# Pester 5 tests for people who have PowerShell: the built module against the
# fake gateway started as a process. Run them with ./build.ps1 -Task Test.
BeforeAll {
    $root = Split-Path -Parent $PSScriptRoot
    $manifest = Get-ChildItem -Path (Join-Path $root 'output/Evolink/*/Evolink.psd1') | Select-Object -Last 1
    Import-Module $manifest.FullName -Force

    . (Join-Path $PSScriptRoot 'FakeGateway.ps1')
    $script:gateway = Start-FakeGateway
    $script:baseUri = $gateway.BaseUri
    $script:key = ConvertTo-SecureString 'sk-fake-0123456789abcdef' -AsPlainText -Force
}

AfterAll {
    Stop-FakeGateway $script:gateway
    Remove-Module Evolink -ErrorAction SilentlyContinue
}

Describe 'Invoke-EvolinkChat' {
    It 'returns from many plain calls in a row (no hang at the end of a command)' {
        $texts = foreach ($i in 1..100) { (Invoke-EvolinkChat "call $i" -ApiKey $key -BaseUri $baseUri).Text }
        $texts.Count | Should -Be 100
    }

    It 'answers an empty piped line with one error for that line only' {
        $replies = 'one', '', 'two' | Invoke-EvolinkChat -ApiKey $key -BaseUri $baseUri -ErrorVariable failures -ErrorAction SilentlyContinue
        $replies.Text | Should -Be @('one', 'two')
        $failures.Count | Should -Be 1
    }

    It 'answers a prompt with a response object whose text is the reply' {
        $reply = Invoke-EvolinkChat 'hello there' -ApiKey $key -BaseUri $baseUri
        $reply.Text | Should -Be 'hello there'
        $reply.RequestId | Should -Match '^req-fake-'
        "$reply" | Should -Be 'hello there'
    }

    It 'answers each piped prompt in order' {
        $replies = 'one', 'two', 'three' | Invoke-EvolinkChat -ApiKey $key -BaseUri $baseUri
        $replies.Text | Should -Be @('one', 'two', 'three')
    }

    It 'writes one error per failed input and goes on' {
        $replies = 'a', 'b' | Invoke-EvolinkChat -Model 'fake-status-500' -ApiKey $key -BaseUri $baseUri -ErrorVariable failures -ErrorAction SilentlyContinue
        $replies | Should -BeNullOrEmpty
        $failures.Count | Should -Be 2
        $failures[0].FullyQualifiedErrorId | Should -Match '^EvolinkServerError'
    }

    It 'stops with a message naming the ways to give a key when there is none' {
        $saved = $env:EVOLINK_API_KEY; $env:EVOLINK_API_KEY = $null
        try { { Invoke-EvolinkChat 'x' -BaseUri $baseUri -ErrorAction Stop } | Should -Throw '*EVOLINK_API_KEY*' }
        finally { $env:EVOLINK_API_KEY = $saved }
    }
}

Describe 'New-EvolinkMessage' {
    It 'builds messages that Invoke-EvolinkChat sends as one conversation' {
        $reply = @(
            New-EvolinkMessage -Role system -Content 'Be brief.'
            New-EvolinkMessage -Content 'last words'
        ) | Invoke-EvolinkChat -ApiKey $key -BaseUri $baseUri
        $reply.Text | Should -Be 'last words'
    }
}

Describe 'Streaming' {
    It 'leaves the whole response in a variable when streaming, marked as streamed' {
        $reply = Invoke-EvolinkChat 'streamed words arrive' -Stream -ApiKey $key -BaseUri $baseUri
        $reply.Text | Should -Be 'streamed words arrive'
        $reply.Streamed | Should -BeTrue
        $reply.Usage.TotalTokens | Should -BeGreaterThan 0
    }

    It 'outputs chunks as objects with -AsChunk' {
        $chunks = Invoke-EvolinkChat 'chunk by chunk' -AsChunk -ApiKey $key -BaseUri $baseUri
        $chunks.Count | Should -BeGreaterThan 2
        -join $chunks.Text | Should -Be 'chunk by chunk'
    }

    It 'reports a stream cut short as a truncation error' {
        Invoke-EvolinkChat 'abcdefghijkl' -Stream -Model 'fake-stream-cut' -ApiKey $key -BaseUri $baseUri -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Match '^EvolinkStreamTruncated'
        $failed[0].Exception.PartialResponse.Text | Should -Be 'abcdefgh'
    }
}

Describe 'Test-EvolinkConnection' {
    It 'passes every step against a working gateway and says so with -Quiet' {
        $steps = Test-EvolinkConnection -ApiKey $key -BaseUri $baseUri
        ($steps | Where-Object Result -eq 'Failed') | Should -BeNullOrEmpty
        $steps[-1].Step | Should -Be 'Verdict'
        Test-EvolinkConnection -ApiKey $key -BaseUri $baseUri -Quiet | Should -BeTrue
    }

    It 'fails at TCP with advice when nothing listens' {
        $steps = Test-EvolinkConnection -ApiKey $key -BaseUri 'http://127.0.0.1:9' -ConnectionTimeoutSeconds 5
        ($steps | Where-Object Step -eq 'TCP').Result | Should -Be 'Failed'
        ($steps | Where-Object Step -eq 'TCP').Advice | Should -Not -BeNullOrEmpty
    }
}

Describe 'History' {
    It 'keeps a call once turned on for the session and finds it by text' {
        $env:EVOLINK_HISTORY_PATH = Join-Path $TestDrive 'history.jsonl'
        try {
            Set-EvolinkConfiguration -History -Scope Session
            Invoke-EvolinkChat 'remember the zebra' -ApiKey $key -BaseUri $baseUri | Out-Null
            (Get-EvolinkHistory zebra).Reply | Should -Be 'remember the zebra'
            Get-Content $env:EVOLINK_HISTORY_PATH -Raw | Should -Not -Match 'sk-fake'
        }
        finally {
            Set-EvolinkConfiguration -History:$false -Scope Session
            Remove-Item Env:EVOLINK_HISTORY_PATH
        }
    }
}
