# A stand-in for Microsoft.PowerShell.SecretManagement: the same command
# names and parameters, secrets kept in memory for the runspace. Each call
# is recorded in $global:SecretCalls so tests can see what the module asked.

$script:Secrets = @{}
$script:DefaultVault = 'TestVault'

function Key([string] $Name, [string] $Vault) { if (-not $Vault) { $Vault = $script:DefaultVault }; "$Vault/$Name" }
function Record([string] $What) { $global:SecretCalls += @($What) }

$script:Vaults = @('TestVault', 'Work', 'SecretStore')

function Get-SecretVault {
    [CmdletBinding()] param([string] $Name)
    foreach ($v in $script:Vaults) {
        if (-not $Name -or $v -eq $Name) { [pscustomobject]@{ Name = $v; ModuleName = 'Stand.In'; IsDefault = ($v -eq $script:DefaultVault) } }
    }
    if ($Name -and $script:Vaults -notcontains $Name) {
        $PSCmdlet.WriteError([Management.Automation.ErrorRecord]::new([Exception]::new("Get-SecretVault: Vault $Name was not found."), 'VaultNotFound', 'ObjectNotFound', $Name))
    }
}

function Get-SecretInfo {
    [CmdletBinding()] param([Parameter(Position = 0)][string] $Name, [string] $Vault)
    Record "Get-SecretInfo $Name $Vault"
    $k = Key $Name $Vault
    if ($script:Secrets.ContainsKey($k)) { [pscustomobject]@{ Name = $Name; VaultName = ($k -split '/')[0]; Type = 'SecureString' } }
}

function Get-Secret {
    [CmdletBinding()] param([Parameter(Mandatory, Position = 0)][string] $Name, [string] $Vault, [switch] $AsPlainText)
    Record "Get-Secret $Name $Vault"
    $k = Key $Name $Vault
    if (-not $script:Secrets.ContainsKey($k)) { throw "Get-Secret: The secret $Name was not found." }
    $script:Secrets[$k]
}

function Set-Secret {
    [CmdletBinding()] param([Parameter(Mandatory, Position = 0)][string] $Name, [securestring] $SecureStringSecret, [object] $Secret, [string] $Vault)
    Record "Set-Secret $Name $Vault"
    $script:Secrets[(Key $Name $Vault)] = if ($SecureStringSecret) { $SecureStringSecret } else { $Secret }
}

function Remove-Secret {
    [CmdletBinding()] param([Parameter(Mandatory, Position = 0)][string] $Name, [Parameter(Mandatory)][string] $Vault)
    Record "Remove-Secret $Name $Vault"
    $k = Key $Name $Vault
    if (-not $script:Secrets.ContainsKey($k)) { throw "Remove-Secret: The secret $Name was not found in vault $Vault." }
    $script:Secrets.Remove($k)
}

Export-ModuleMember -Function Get-SecretVault, Get-SecretInfo, Get-Secret, Set-Secret, Remove-Secret
