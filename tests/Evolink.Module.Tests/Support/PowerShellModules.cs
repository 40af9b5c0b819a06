using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace Evolink.Module.Tests;

/// <summary>
/// PowerShell's own Utility, Management and Security modules laid out as pwsh 7.6
/// has them: a manifest per module in a Modules folder, its cmdlet assembly beside
/// the engine (here the NuGet package's, loaded by name). Scripts in the in-process
/// tests then find the real Get-Content, ConvertTo-Json, Format-Table, Read-Host and
/// ConvertTo-SecureString by autoloading, as they would in pwsh. Each manifest lists
/// its cmdlets by name, as pwsh's own do, so autoloading needs no analysis by path.
/// </summary>
public static class PowerShellModules
{
    private static readonly (string Module, Assembly Assembly)[] Shipped =
    {
        ("Microsoft.PowerShell.Utility", typeof(Microsoft.PowerShell.Commands.GetDateCommand).Assembly),
        ("Microsoft.PowerShell.Management", typeof(Microsoft.PowerShell.Commands.GetContentCommand).Assembly),
        ("Microsoft.PowerShell.Security", typeof(Microsoft.PowerShell.Commands.ConvertToSecureStringCommand).Assembly),
    };

    /// <summary>Writes the manifests into <paramref name="folder"/> and returns it, for PSModulePath.</summary>
    public static string WriteTo(string folder)
    {
        foreach (var (module, assembly) in Shipped)
        {
            var cmdlets = assembly.GetTypes()
                .Select(t => t.GetCustomAttribute<CmdletAttribute>())
                .Where(a => a is not null)
                .Select(a => $"'{a!.VerbName}-{a.NounName}'")
                .OrderBy(n => n, StringComparer.Ordinal);
            var path = Path.Combine(folder, module, module + ".psd1");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, $$"""
                @{
                    ModuleVersion        = '7.0.0.0'
                    CompatiblePSEditions = @('Core')
                    NestedModules        = @('{{assembly.GetName().Name}}.dll')
                    CmdletsToExport      = @({{string.Join(", ", cmdlets)}})
                    FunctionsToExport    = @()
                    AliasesToExport      = @()
                }
                """);
        }
        return folder;
    }
}
