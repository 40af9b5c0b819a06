# Evolink loads in a session that other modules share: before and after a module
# that brings its own versions of common JSON assemblies, and again after
# Remove-Module, each in a fresh pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Support/Acceptance.ps1')
    $script:gateway = Start-FakeGateway

    # A module as other vendors write them: Newtonsoft.Json 13 loaded into the shared context, and a newer
    # System.Text.Json (11.0) than pwsh's in an assembly load context of its own, each used at import.
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $folder = Join-Path $TestDrive 'modules/OtherJson'
    $null = New-Item -ItemType Directory -Force $folder
    Copy-Item ([IO.Path]::Combine($packages, 'newtonsoft.json', '13.0.1', 'lib', 'netstandard2.0', 'Newtonsoft.Json.dll')) $folder
    $null = New-Item -ItemType Directory -Force (Join-Path $folder 'stj')
    Copy-Item ([IO.Path]::Combine($packages, 'system.text.json', '11.0.0', 'lib', 'net10.0', 'System.Text.Json.dll')) (Join-Path $folder 'stj')
    Set-Content (Join-Path $folder 'OtherJson.psm1') @'
Add-Type -Path (Join-Path $PSScriptRoot 'Newtonsoft.Json.dll')
$context = [Runtime.Loader.AssemblyLoadContext]::new('OtherJson', $false)
$script:Json = $context.LoadFromAssemblyPath((Join-Path $PSScriptRoot 'stj/System.Text.Json.dll'))
function Test-OtherJson {
    $newtonsoft = [Newtonsoft.Json.JsonConvert]::SerializeObject(@{ a = 1 })
    "Newtonsoft $([Newtonsoft.Json.JsonConvert].Assembly.GetName().Version) $newtonsoft; System.Text.Json $($script:Json.GetName().Version)"
}
'@
    $script:modules = (Join-Path $TestDrive 'modules') + [IO.Path]::PathSeparator + (Get-BuiltModule).ModulesFolder
}

AfterAll { Stop-FakeGateway $script:gateway }

Describe 'Loading beside other modules' {
    It 'imports and works after a module that loaded other versions of JSON assemblies, which keeps working' {
        $run = Invoke-Pwsh -AsCommand @'
Import-Module OtherJson
Import-Module Evolink
(Invoke-EvolinkChat 'after the other module').Text
Test-OtherJson
'@ -Gateway $gateway -Environment @{ PSModulePath = $modules }

        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text.Trim() -split "`n" | Should -Be @('after the other module', 'Newtonsoft 13.0.0.0 {"a":1}; System.Text.Json 11.0.0.0')
    }

    It 'lets such a module load after it, and both work' {
        $run = Invoke-Pwsh -AsCommand @'
(Invoke-EvolinkChat 'before the other module').Text
Import-Module OtherJson
Test-OtherJson
(Invoke-EvolinkChat 'and after it').Text
'@ -Gateway $gateway -Environment @{ PSModulePath = $modules }

        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text.Trim() -split "`n" | Should -Be @('before the other module', 'Newtonsoft 13.0.0.0 {"a":1}; System.Text.Json 11.0.0.0', 'and after it')
    }

    It 'names its output types in a script from the moment it is imported' {
        $run = Invoke-Pwsh -AsCommand @'
Import-Module Evolink
([type]'Evolink.Chat.ChatResponse').FullName
function Show-Reply([Evolink.Chat.ChatResponse] $Reply) { 'reply: ' + $Reply.Text }
Show-Reply (Invoke-EvolinkChat 'typed')
'@ -Gateway $gateway

        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text.Trim() -split "`n" | Should -Be @('Evolink.Chat.ChatResponse', 'reply: typed')
    }

    It 'works again after Remove-Module and a second Import-Module in one session' {
        $run = Invoke-Pwsh -AsCommand @'
Import-Module Evolink
(Invoke-EvolinkChat 'first import').Text
Remove-Module Evolink
(Get-Module Evolink) -eq $null
Import-Module Evolink
(Invoke-EvolinkChat 'second import' -Stream).Text
'@ -Gateway $gateway

        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text.Trim() -split "`n" | Should -Be @('first import', 'True', 'second import', 'second import')
    }
}

Describe 'The first call in a new process' {
    BeforeAll {
        # What the runtime compiles during the first call, named by its own events: a
        # console user imports (or autoloads) the module and types; the warm-up the import started has run by then. The reply
        # streams over time, as a model's does, so its body is read as it arrives.
        $script:firstCall = @'
Add-Type -TypeDefinition @"
using System.Collections.Generic;
using System.Diagnostics.Tracing;
public sealed class CompiledMethods : EventListener
{
    public readonly List<string> Names = new List<string>();
    public volatile bool On;
    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10);
    }
    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        // A method's first compilation only (minimal, optimized or quick): a tier-1 recompilation of code the warm-up
        // ran often is the runtime's background work, not the call waiting for the compiler.
        if (On && e.EventName == "MethodLoadVerbose_V2" && ((System.Convert.ToUInt32(e.Payload[5]) >> 7) & 7) <= 3)
            lock (Names) Names.Add(e.Payload[6] + "::" + e.Payload[7]);
    }
}
"@
$compiled = [CompiledMethods]::new()
# The measurement's own first setting of a property, so what it compiles is not counted as the call's.
$compiled.On = $false
Import-Module Evolink
Start-Sleep -Seconds 3
$compiled.On = $true; Invoke-EvolinkChat 'the first call' -Model fake-stream-slow -Stream | Out-Null; $compiled.On = $false
$compiled.Names | ForEach-Object { "compiled: $_" }
'@
        $script:warm = Invoke-Pwsh -AsCommand $firstCall -Gateway $gateway -Environment @{ PSModulePath = $modules }
        $script:cold = Invoke-Pwsh -AsCommand $firstCall -Gateway $gateway -Environment @{ PSModulePath = $modules; EVOLINK_WARMUP = '0' }
        $script:names = { param($run) @($run.Text -split "`n" | Where-Object { $_ -like 'compiled: *' } | ForEach-Object { $_.Substring(10).Trim() }) }
    }

    It 'finds most of its code compiled when the module was imported a moment before, unless EVOLINK_WARMUP=0' {
        $warm.ErrorText | Should -BeNullOrEmpty
        $cold.ErrorText | Should -BeNullOrEmpty
        # Methods compiled for the first time: the runtime also recompiles, in the background, code the reply's
        # reading runs often while the stream goes on, which is not the call waiting for the compiler.
        $warmCount = (& $names $warm).Count
        $coldCount = (& $names $cold).Count
        $coldCount | Should -BeGreaterThan 500 -Because 'a first call without the warm-up compiles the HTTP stack, the serializer and the cmdlet'
        $warmCount | Should -BeLessThan ($coldCount / 2) -Because "after the warm-up the first call compiled $warmCount methods, without it $coldCount"
    }

    It 'compiles none of the module''s own code then, generic helpers included' {
        $own = { param($run) @(& $names $run | Where-Object { $_ -like 'Evolink.*' }) }
        (& $own $cold).Count | Should -BeGreaterThan 10 -Because 'without the warm-up the cmdlet and the shell''s helpers are compiled by the call'
        & $own $warm | Should -BeNullOrEmpty -Because 'the warm-up compiles the chat cmdlet, the shell''s shared code and the shared form of its generic helpers'
    }

    It 'finds PowerShell''s own part of a call done too: the parameter metadata, the binder and the pipeline' {
        # The warm-up runs the chat cmdlet in a runspace of its own, so what PowerShell does for a cmdlet's first call
        # in a process (reading its parameters' attributes, the binder's work, ShouldProcess) is done by then.
        $powerShell = { param($run) @(& $names $run | Where-Object { $_ -like 'System.Management.Automation.*' }) }
        $coldCount = (& $powerShell $cold).Count
        $warmCount = (& $powerShell $warm).Count
        $coldCount | Should -BeGreaterThan 40 -Because 'without the warm-up the first call compiles PowerShell''s parameter and pipeline code'
        $warmCount | Should -BeLessThan ($coldCount / 4) -Because "after the warm-up the first call compiled $warmCount of PowerShell's methods, without it $coldCount"
    }

    It 'compiles none of the waiting on a connection then, which a socket''s late replies need' {
        # Over a socket the HTTP stack's awaits wait for the reply, and a streamed body arrives in pieces, so the reads
        # of the chunked body, the engine's bounded body and its event reader wait too; each waiting method's state
        # machine is compiled on first use. The warm-up's in-memory connection answers late and in pieces in the same
        # way, so those are ready too; and a connection refused on loopback has made the socket's own connect wait
        # (its waiting state machine made: which of its two ways in runs after the wait depends on the threads' timing).
        $waiting = { param($run) @(& $names $run | Where-Object { $_ -match 'AsyncStateMachineBox.*(System\.Net\.Http\.(HttpConnection\+<SendAsync>|HttpConnection\+<InitialFillAsync>|HttpConnectionPool\+<CreateHttp11ConnectionAsync>|DecompressionHandler\+<SendAsync>|HttpConnection\+ChunkedEncodingReadStream\+<ReadAsyncCore>)|System\.Net\.Sockets\.SocketAsyncEventArgs\+<<DnsConnectAsync>[^\]]*\]::\.ctor$|Evolink\.Transport\.BoundedStream\+<ReadAsync>|Evolink\.Streaming\.SseReader\+<FillAsync>)' }) }
        (& $waiting $cold).Count | Should -BeGreaterThan 0
        & $waiting $warm | Should -BeNullOrEmpty
    }
}

Describe 'The warm-up the import starts' {
    It 'sends, records, keeps and shows nothing, and leaves no runspace behind, whatever the settings say' {
        # Settings that would make a chat record its answer, write the history and count its usage.
        $replay = Join-Path $TestDrive 'warm-up-recording.jsonl'
        $saved = Invoke-Pwsh -AsCommand 'Set-EvolinkConfiguration -History' -Gateway $gateway
        $saved.ErrorText | Should -BeNullOrEmpty
        $before = Get-GatewayStats $gateway

        $run = Invoke-Pwsh -AsCommand @'
Import-Module Evolink
Start-Sleep -Seconds 3
"runspaces: $(@(Get-Runspace).Count)"
"usage: $(@(Get-EvolinkUsage).Count)"
'@ -Gateway $gateway -Environment @{ EVOLINK_REPLAY = $replay; EVOLINK_REPLAY_MODE = 'Record' }

        $run.ErrorText | Should -BeNullOrEmpty
        $run.Text.Trim() -split "`n" | Should -Be @('runspaces: 1', 'usage: 0')
        (Get-GatewayStats $gateway).chat_requests | Should -Be $before.chat_requests
        Test-Path $replay | Should -BeFalse -Because 'the warm-up''s answers come from memory and are never recorded'
        Test-Path (Join-Path $TestDrive 'user/data/evolink/history.jsonl') | Should -BeFalse -Because 'the warm-up reads no saved setting, so it writes no history'
    }
}
