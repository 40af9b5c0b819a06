# Pester 5: tools run as real PowerShell commands against the fake gateway's
# tool-calling model. Run with ./build.ps1 -Task Test.
BeforeAll {
    $root = Split-Path -Parent $PSScriptRoot
    Import-Module (Get-ChildItem (Join-Path $root 'output/Evolink/*/Evolink.psd1') | Select-Object -Last 1).FullName -Force
    . (Join-Path $PSScriptRoot 'FakeGateway.ps1')
    $script:gateway = Start-FakeGateway
    $script:baseUri = $gateway.BaseUri
    $script:key = ConvertTo-SecureString 'sk-fake-0123456789abcdef' -AsPlainText -Force
}

AfterAll {
    Stop-FakeGateway $script:gateway
}

Describe 'New-EvolinkTool' {
    It 'describes a real command from its parameter metadata' {
        $tool = New-EvolinkTool (Get-Command Get-Process) -ParameterSet Name
        $tool.Name | Should -Be 'Get-Process'
        ($tool.Schema | ConvertFrom-Json).properties.Name.type | Should -Be 'array'
    }

    It 'describes a script block from its param() block' {
        $tool = New-EvolinkTool -Name Get-Greeting -ScriptBlock { param([Parameter(Mandatory)][ValidateSet('Ada', 'Grace')][string] $Name) "Hello $Name" }
        $schema = $tool.Schema | ConvertFrom-Json
        $schema.required | Should -Be 'Name'
        $schema.properties.Name.enum | Should -Be @('Ada', 'Grace')
    }
}

Describe 'Invoke-EvolinkChat -Tools' {
    BeforeAll {
        $script:greeting = New-EvolinkTool -Name Get-Greeting -ScriptBlock { param([string] $Name) "Hello $Name" }
    }

    It 'runs the call the model asks for and returns the answer' {
        $reply = Invoke-EvolinkChat '{"Name":"Ada"}' -Model fake-tool-caller -Tools $greeting -Force -ApiKey $key -BaseUri $baseUri
        $reply.Text | Should -Be 'Results: Hello Ada'
    }

    It 'sends nothing and runs nothing with -WhatIf' {
        $script:ran = $false
        $tool = New-EvolinkTool -Name Set-Flag -ScriptBlock { param([string] $Name) $script:ran = $true; 'done' }
        $reply = Invoke-EvolinkChat '{"Name":"x"}' -Model fake-tool-caller -Tools $tool -WhatIf -ApiKey $key -BaseUri $baseUri
        $script:ran | Should -BeFalse
        $reply | Should -BeNullOrEmpty
    }
}
