# One sentence per support ticket, in the order of the file: the kind of script a team keeps beside its CI.
param([Parameter(Mandatory)][string] $Path)

Get-Content $Path |
    Where-Object { $_.Trim() } |
    Invoke-EvolinkChat -SystemPrompt 'Summarise the support ticket in one sentence.' -Temperature 0 -ThrottleLimit 4 |
    ForEach-Object Text
