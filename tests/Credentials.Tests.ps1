# Pester 5: the SecretManagement path, with a throwaway script vault in the
# test drive. Needs Microsoft.PowerShell.SecretManagement; run with ./build.ps1 -Task Test.
BeforeDiscovery {
    $script:hasSecretManagement = [bool](Get-Module -ListAvailable Microsoft.PowerShell.SecretManagement)
}

BeforeAll {
    $root = Split-Path -Parent $PSScriptRoot
    Import-Module (Get-ChildItem (Join-Path $root 'output/Evolink/*/Evolink.psd1') | Select-Object -Last 1).FullName -Force
    $env:EVOLINK_CONFIG = Join-Path $TestDrive 'config.json'

    . (Join-Path $PSScriptRoot 'FakeGateway.ps1')
    $script:gateway = Start-FakeGateway -ApiKey 'sk-vault-canary-123456'
    $script:baseUri = $gateway.BaseUri
}

AfterAll {
    Stop-FakeGateway $script:gateway
    Remove-Item Env:EVOLINK_CONFIG -ErrorAction SilentlyContinue
}

Describe 'Keys in a SecretManagement vault' -Skip:(-not $hasSecretManagement) {
    BeforeAll {
        # A script vault that keeps secrets in a file of the test drive.
        $vaultFolder = Join-Path $TestDrive 'TestVault'
        $extension = Join-Path $vaultFolder 'TestVault.Extension'
        New-Item -ItemType Directory -Path $extension -Force | Out-Null
        Set-Content (Join-Path $vaultFolder 'TestVault.psd1') "@{ ModuleVersion = '1.0'; RootModule = 'TestVault.psm1'; NestedModules = @('TestVault.Extension'); FunctionsToExport = @() }"
        Set-Content (Join-Path $vaultFolder 'TestVault.psm1') ''
        Set-Content (Join-Path $extension 'TestVault.Extension.psd1') "@{ ModuleVersion = '1.0'; RootModule = 'TestVault.Extension.psm1'; FunctionsToExport = @('Get-Secret','Set-Secret','Remove-Secret','Get-SecretInfo','Test-SecretVault') }"
        Set-Content (Join-Path $extension 'TestVault.Extension.psm1') @'
$script:store = @{}
function Get-Secret { param($Name, $VaultName, $AdditionalParameters) $script:store[$Name] }
function Set-Secret { param($Name, $Secret, $VaultName, $AdditionalParameters) $script:store[$Name] = $Secret; $true }
function Remove-Secret { param($Name, $VaultName, $AdditionalParameters) $script:store.Remove($Name); $true }
function Get-SecretInfo { param($Filter, $VaultName, $AdditionalParameters)
    foreach ($name in @($script:store.Keys) | Where-Object { $_ -like $Filter }) {
        [Microsoft.PowerShell.SecretManagement.SecretInformation]::new($name, 'SecureString', $VaultName) } }
function Test-SecretVault { param($VaultName, $AdditionalParameters) $true }
'@
        Register-SecretVault -Name EvolinkTestVault -ModuleName $vaultFolder
    }

    AfterAll { Unregister-SecretVault -Name EvolinkTestVault -ErrorAction SilentlyContinue }

    It 'stores the key, records it as the default, and chats with it' {
        $key = ConvertTo-SecureString 'sk-vault-canary-123456' -AsPlainText -Force
        Set-EvolinkApiKey -ApiKey $key -Vault EvolinkTestVault -SecretName EvolinkTest
        (Get-EvolinkConfiguration -Scope User).SecretName | Should -Be 'EvolinkTest'
        Get-Content $env:EVOLINK_CONFIG -Raw | Should -Not -Match 'canary'

        $saved = $env:EVOLINK_API_KEY; $env:EVOLINK_API_KEY = $null
        try {
            $reply = Invoke-EvolinkChat 'from the vault' -BaseUri $baseUri -Verbose 4>&1
            ($reply | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "Using the API key from vault 'EvolinkTestVault' secret 'EvolinkTest'; gateway $baseUri/."
            ($reply | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Text | Should -Be 'from the vault'
            ($reply | Out-String) | Should -Not -Match 'canary'
        }
        finally { $env:EVOLINK_API_KEY = $saved }
    }

    It 'removes the key and its default' {
        Remove-EvolinkApiKey -Vault EvolinkTestVault -SecretName EvolinkTest -Confirm:$false
        (Get-EvolinkConfiguration -Scope User).SecretName | Should -BeNullOrEmpty
    }
}

Describe 'Key hygiene' {
    It 'refuses to send the key over plain http to another machine' {
        $key = ConvertTo-SecureString 'sk-x' -AsPlainText -Force
        { Invoke-EvolinkChat 'x' -ApiKey $key -BaseUri 'http://gateway.example.invalid' -ErrorAction Stop } | Should -Throw '*AllowUnencryptedAuthentication*'
    }

    It 'never shows the key in verbose, debug or error output' {
        $key = ConvertTo-SecureString 'sk-vault-canary-123456' -AsPlainText -Force
        $all = Invoke-EvolinkChat 'x' -Model 'fake-status-500' -MaximumRetryCount 0 -ApiKey $key -BaseUri $baseUri -Verbose -Debug -ErrorAction SilentlyContinue *>&1 |
            Out-String
        $all | Should -Match 'Bearer \*\*\*'
        $all | Should -Not -Match 'canary'
    }
}
