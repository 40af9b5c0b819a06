@{
    # The module's source of truth for version and exports: the build reads
    # ModuleVersion from here (Directory.Build.props), and a test keeps the
    # export list equal to the compiled cmdlets.
    RootModule           = 'Evolink.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f4b7e-3c55-4d0c-9a7e-2f1f8f0d6a41'
    Author               = 'Evolink for PowerShell contributors'
    CompanyName          = 'Evolink for PowerShell contributors'
    Copyright            = '(c) Evolink for PowerShell contributors. MIT License.'
    Description          = 'Chat with Gemini, GPT, Claude, DeepSeek, Kimi and more through the Evolink gateway: pipeline objects out, streamed replies, keys kept safe.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'

    CmdletsToExport      = @('Invoke-EvolinkChat', 'New-EvolinkMessage', 'Export-EvolinkConversation', 'Import-EvolinkConversation',
                             'Set-EvolinkApiKey', 'Remove-EvolinkApiKey', 'Get-EvolinkConfiguration', 'Set-EvolinkConfiguration',
                             'Get-EvolinkModel', 'Get-EvolinkCredit', 'New-EvolinkTool',
                             'Get-EvolinkUsage', 'Test-EvolinkConnection',
                             'Enter-EvolinkChat', 'Get-EvolinkHistory', 'Clear-EvolinkHistory',
                             'Merge-EvolinkJournal', 'Add-EvolinkProperty', 'Get-EvolinkMcpTool',
                             'Register-EvolinkMcpServer', 'Get-EvolinkMcpServer', 'Unregister-EvolinkMcpServer',
                             'New-EvolinkImage', 'New-EvolinkVideo', 'New-EvolinkAudio', 'Get-EvolinkTask', 'Receive-EvolinkTask',
                             'Send-EvolinkFile', 'Get-EvolinkFileQuota')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    FormatsToProcess     = @('Evolink.Format.ps1xml')
    TypesToProcess       = @('Evolink.Types.ps1xml')

    PrivateData          = @{
        PSData = @{
            Tags         = @('Evolink', 'LLM', 'AI', 'OpenAI', 'Gemini', 'Claude', 'Chat', 'PSEdition_Core', 'PSEdition_Desktop')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://evolink.ai'
            ReleaseNotes = 'First release. Chat: Invoke-EvolinkChat (streaming, batches, tools, JSON replies), Enter-EvolinkChat (an interactive chat), New-EvolinkMessage, New-EvolinkTool, Export-EvolinkConversation, Import-EvolinkConversation. Images, video and audio: New-EvolinkImage, New-EvolinkVideo, New-EvolinkAudio (wait with progress, save the results), Get-EvolinkTask, Receive-EvolinkTask; reference images uploaded with Send-EvolinkFile, Get-EvolinkFileQuota. Account: Get-EvolinkModel, Get-EvolinkCredit, Get-EvolinkUsage. History (opt-in): Get-EvolinkHistory, Clear-EvolinkHistory. Tools from MCP servers: -McpServer and -McpTool on Invoke-EvolinkChat and Enter-EvolinkChat, Get-EvolinkMcpTool; servers named once with Register-EvolinkMcpServer, Get-EvolinkMcpServer, Unregister-EvolinkMcpServer. Objects in, objects out: Add-EvolinkProperty (the model fills typed properties on piped objects, many to a request). Runs that remember: -Journal, -TokenBudget, -MinimumCredit and -Shard on Invoke-EvolinkChat and Add-EvolinkProperty, Merge-EvolinkJournal. Network: Test-EvolinkConnection; -Proxy, -ProxyCredential, -NoProxy, -CertificateAuthorityFile, -SkipCertificateCheck, -HttpVersion on every command that talks to the gateway. Settings and keys: Get-EvolinkConfiguration, Set-EvolinkConfiguration, Set-EvolinkApiKey, Remove-EvolinkApiKey.'
        }
    }
}
