# Stand-ins for commands of Microsoft.PowerShell.Utility, .Management and
# .Security, which the engine package used by the tests does not carry. Each
# does the small part of the real command that the tests, the README and the
# help examples use, with the real command's name and parameter names.

function global:Get-Content {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)][Alias('FullName')][string[]] $Path, [switch] $Raw)
    process {
        foreach ($p in $Path) {
            $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($p)
            if (-not [IO.File]::Exists($full)) { $PSCmdlet.WriteError([Management.Automation.ErrorRecord]::new([IO.FileNotFoundException]::new("Cannot find path '$full' because it does not exist."), 'PathNotFound', 'ObjectNotFound', $p)); continue }
            if ($Raw) { [IO.File]::ReadAllText($full) } else { [IO.File]::ReadAllLines($full) }
        }
    }
}

function global:Set-Content {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, Position = 0)][string] $Path, [Parameter(Position = 1, ValueFromPipeline)][object[]] $Value)
    begin { $lines = [Collections.Generic.List[string]]::new() }
    process { foreach ($v in $Value) { $lines.Add([string]$v) } }
    end {
        $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
        if ($PSCmdlet.ShouldProcess($full, 'Set Content')) { [IO.File]::WriteAllText($full, (($lines -join "`n") + "`n")) }
    }
}

function global:Get-ChildItem {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string] $Path = '.')
    $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    $folder = [IO.Path]::GetDirectoryName($full); $pattern = [IO.Path]::GetFileName($full)
    if ([IO.Directory]::Exists($full)) { $folder = $full; $pattern = '*' }
    foreach ($f in [IO.Directory]::GetFiles($folder, $pattern) | Sort-ByName) { [IO.FileInfo]::new($f) }
}

function global:Sort-ByName { param([Parameter(ValueFromPipeline)] $InputObject) begin { $all = @() } process { $all += $InputObject } end { [Linq.Enumerable]::OrderBy([string[]]$all, [Func[string, string]] { $args[0] }) } }

function global:Get-Date {
    [CmdletBinding()]
    param([string] $Format)
    if ($Format) { [DateTime]::Now.ToString($Format, [Globalization.CultureInfo]::InvariantCulture) } else { [DateTime]::Now }
}

function global:Write-Host {
    param([Parameter(Position = 0, ValueFromPipeline, ValueFromRemainingArguments)] $Object, [switch] $NoNewline)
    process { $text = "$Object"; if ($NoNewline) { $Host.UI.Write($text) } else { $Host.UI.WriteLine($text) } }
}

function global:Write-Output { param([Parameter(Position = 0, ValueFromPipeline, ValueFromRemainingArguments)] $InputObject) process { $InputObject } }

function global:Write-Warning { [CmdletBinding()] param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][string] $Message) process { $PSCmdlet.WriteWarning($Message) } }

function global:Write-Verbose { [CmdletBinding()] param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][string] $Message) process { $PSCmdlet.WriteVerbose($Message) } }

function global:Write-Error {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)][string] $Message)
    $PSCmdlet.WriteError([Management.Automation.ErrorRecord]::new([Exception]::new($Message), 'Microsoft.PowerShell.Commands.WriteErrorException', 'NotSpecified', $null))
}

function global:Read-Host {
    [CmdletBinding()]
    param([Parameter(Position = 0)] $Prompt, [switch] $AsSecureString)
    if ($Prompt) { $Host.UI.Write("${Prompt}: ") }
    if ($AsSecureString) { $Host.UI.ReadLineAsSecureString() } else { $Host.UI.ReadLine() }
}

function global:ConvertTo-SecureString {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][string] $String, [switch] $AsPlainText, [switch] $Force)
    process { $s = [Security.SecureString]::new(); foreach ($c in $String.ToCharArray()) { $s.AppendChar($c) }; $s.MakeReadOnly(); $s }
}

function global:Select-Object {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] $InputObject, [Parameter(Position = 0)][string[]] $Property, [int] $First = -1, [string] $ExpandProperty)
    begin { $n = 0 }
    process {
        if ($First -ge 0 -and $n -ge $First) { return }
        $n++
        if ($ExpandProperty) { $InputObject.$ExpandProperty; return }
        if (-not $Property) { $InputObject; return }
        $o = [ordered]@{}
        foreach ($p in $Property) { $o[$p] = $InputObject.$p }
        [pscustomobject]$o
    }
}

function global:Format-List {
    param([Parameter(ValueFromPipeline)] $InputObject, [Parameter(Position = 0)][string[]] $Property)
    process {
        $names = if ($Property) { $Property } else { $InputObject.PSObject.Properties.Name }
        $width = ($names | ForEach-Object { $_.Length } | Measure-Longest)
        ''
        foreach ($p in $names) { '{0} : {1}' -f $p.PadRight($width), $InputObject.$p }
    }
}

function global:Format-Table {
    param([Parameter(ValueFromPipeline)] $InputObject, [Parameter(Position = 0)][string[]] $Property, [switch] $Wrap, [switch] $AutoSize)
    process {
        $names = if ($Property) { $Property } else { $InputObject.PSObject.Properties.Name }
        ($names | ForEach-Object { "$($InputObject.$_)" }) -join ' | '
    }
}

function global:Measure-Object {
    param([Parameter(ValueFromPipeline)] $InputObject, [switch] $Sum)
    begin { $total = 0; $count = 0 }
    process { $total += $InputObject; $count++ }
    end { [pscustomobject]@{ Count = $count; Sum = $total } }
}

function global:Measure-Longest { param([Parameter(ValueFromPipeline)][int] $Value) begin { $max = 0 } process { if ($Value -gt $max) { $max = $Value } } end { $max } }

function global:ConvertTo-Json {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][AllowNull()] $InputObject, [int] $Depth = 2, [switch] $Compress)
    begin { $items = [Collections.Generic.List[object]]::new() }
    process { $items.Add($InputObject) }
    end {
        $value = if ($items.Count -eq 1) { $items[0] } else { , $items.ToArray() }
        [Evolink.Module.Tests.JsonStandIn]::Write($value, $Depth)
    }
}

function global:Get-Process {
    [CmdletBinding(DefaultParameterSetName = 'Name')]
    param([Parameter(ParameterSetName = 'Name', Position = 0)][string[]] $Name, [Parameter(ParameterSetName = 'Id', Mandatory)][int[]] $Id)
    $all = @([pscustomobject]@{ Name = 'pwsh'; Id = 101; WorkingSet64 = 300MB }, [pscustomobject]@{ Name = 'dotnet'; Id = 102; WorkingSet64 = 900MB })
    if ($Name) { $all | Where-Object { $n = $_.Name; $Name | Where-Object { $n -like $_ } } } elseif ($Id) { $all | Where-Object Id -in $Id } else { $all }
}

function global:Get-Uptime { [CmdletBinding()] param([switch] $Since) if ($Since) { [DateTime]::new(2026, 11, 20) } else { [TimeSpan]::FromHours(73) } }

function global:Stop-Service {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    param([Parameter(Mandatory, Position = 0)][string[]] $Name, [switch] $Force)
    foreach ($n in $Name) { if ($PSCmdlet.ShouldProcess($n, 'Stop-Service')) { $global:StoppedServices += @($n) } }
}

function global:Get-PSDrive { param([Parameter(Position = 0)][string] $Name) [pscustomobject]@{ Name = $Name; Free = 42.5GB; Used = 80GB } }

function global:Join-Path { param([Parameter(Mandatory, Position = 0)][string] $Path, [Parameter(Mandatory, Position = 1)][string] $ChildPath) [System.IO.Path]::Combine($Path, $ChildPath) }
