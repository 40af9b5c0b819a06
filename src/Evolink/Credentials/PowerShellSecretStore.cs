using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// SecretManagement, called in the caller's runspace and only when a vault is
/// involved, so the module has no hard dependency on it.
/// </summary>
internal sealed class PowerShellSecretStore : ISecretStore
{
    private const string Module = "Microsoft.PowerShell.SecretManagement";
    private readonly PSCmdlet _cmdlet;

    public PowerShellSecretStore(PSCmdlet cmdlet) => _cmdlet = cmdlet;

    public SecureString? Get(string name, string? vault)
    {
        var found = Run(false, "param($Name, $Vault) $p = @{ Name = $Name }; if ($Vault) { $p.Vault = $Vault }; " +
                        $"if ({Module}\\Get-SecretInfo @p) {{ {Module}\\Get-Secret @p -ErrorAction Stop }}", name, vault);
        return found.Select(item => item.BaseObject).FirstOrDefault() switch
        {
            SecureString secure => secure,
            PSCredential credential => credential.Password,
            string text => ToSecure(text),
            null => null,
            var other => throw Fail($"The secret '{name}' holds a {other.GetType().Name}; store the key as a string or SecureString with Set-EvolinkApiKey."),
        };
    }

    public void Set(string name, string? vault, SecureString value) =>
        Run(true, $"param($Name, $Vault, $Secret) $p = @{{ Name = $Name; SecureStringSecret = $Secret }}; if ($Vault) {{ $p.Vault = $Vault }}; {Module}\\Set-Secret @p -ErrorAction Stop", name, vault, value);

    public void Remove(string name, string? vault) =>
        Run(true, $"param($Name, $Vault) $p = @{{ Name = $Name; Vault = $Vault }}; if (-not $Vault) {{ $p.Vault = (Get-SecretVault | Where-Object IsDefault).Name }}; {Module}\\Remove-Secret @p -ErrorAction Stop", name, vault);

    /// <summary>How to have SecretManagement and a vault, once.</summary>
    private const string Install =
        "Install them once with: Install-Module Microsoft.PowerShell.SecretManagement, Microsoft.PowerShell.SecretStore -Scope CurrentUser; " +
        "Register-SecretVault -Name SecretStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault.";

    /// <summary>Fails with what to install when SecretManagement is not there; <paramref name="toStore"/>: for keeping a secret, where no other way helps.</summary>
    public void EnsureAvailable(bool toStore = true)
    {
        if (_cmdlet.InvokeCommand.GetCommand($"{Module}\\Get-Secret", CommandTypes.Cmdlet | CommandTypes.Function) is not null)
            return;
        throw Fail(toStore
            ? "Keeping a key in a vault needs SecretManagement and a vault, and SecretManagement is not installed. " + Install + " Then run this command again."
            : "The key is to come from a SecretManagement vault, but SecretManagement is not installed. " + Install +
              " Or give the key another way: -ApiKey, or the environment variable EVOLINK_API_KEY.");
    }

    /// <summary>Fails with what to do when the named vault (or, with none named, a default vault) is not registered.</summary>
    public void EnsureVault(string? vault)
    {
        var found = Run(true, $"param($Vault) if ($Vault) {{ {Module}\\Get-SecretVault -Name $Vault -ErrorAction SilentlyContinue }} else {{ {Module}\\Get-SecretVault -ErrorAction SilentlyContinue | Where-Object IsDefault }}", vault);
        if (found.Count == 0)
            throw Fail(vault is null
                ? "SecretManagement has no default vault to store the key in. Register one (for example Register-SecretVault -Name SecretStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault), or name one with -Vault."
                : $"There is no SecretManagement vault named '{vault}'. Get-SecretVault lists the vaults; register one with Register-SecretVault, or name another with -Vault.");
    }

    private System.Collections.ObjectModel.Collection<PSObject> Run(bool toStore, string script, params object?[] arguments)
    {
        EnsureAvailable(toStore);
        try
        {
            // A scope of its own: the script's variables ($Name, $Vault, $p, the key in $Secret) never reach the caller's.
            return _cmdlet.InvokeCommand.InvokeScript(script, true, PipelineResultTypes.None, null, arguments);
        }
        catch (RuntimeException ex)
        {
            // A locked vault cannot ask for its password in a non-interactive session; say how to unlock it instead of hanging.
            throw Fail(Sentences.Join($"SecretManagement could not do what was asked: {ex.Message}", "If the vault is locked, unlock it first " +
                       "(for SecretStore: Unlock-SecretStore), since a non-interactive session cannot ask for its password"));
        }
    }

    // The framework's own conversion, no hand-written copy loop.
    private static SecureString ToSecure(string text) => new System.Net.NetworkCredential(string.Empty, text).SecurePassword;

    private static EvolinkException Fail(string message) => new(EvolinkErrorKind.Configuration, message);
}
