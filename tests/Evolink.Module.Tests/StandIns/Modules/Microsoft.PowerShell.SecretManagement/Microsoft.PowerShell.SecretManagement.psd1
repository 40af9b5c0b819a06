@{
    RootModule        = 'Microsoft.PowerShell.SecretManagement.psm1'
    ModuleVersion     = '1.1.2'
    GUID              = 'a8fc0b49-2a5d-4b2e-9e0c-2d3f2c6a1b11'
    Description       = 'Test stand-in for Microsoft.PowerShell.SecretManagement.'
    FunctionsToExport = @('Get-SecretVault', 'Get-SecretInfo', 'Get-Secret', 'Set-Secret', 'Remove-Secret')
}
