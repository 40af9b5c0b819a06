using System;
using System.Management.Automation;
using System.Security;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Stores the Evolink API key in a SecretManagement vault and makes it the default.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "EvolinkApiKey", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class SetEvolinkApiKeyCommand : EvolinkCmdlet
{
    /// <summary>The key; asked for without echo when left out.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    public SecureString? ApiKey { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string SecretName { get; set; } = "Evolink";

    /// <summary>The vault; the default vault when left out.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Vault { get; set; }

    /// <summary>Store the key without recording the vault and secret in the configuration file.</summary>
    [Parameter]
    public SwitchParameter DoNotSetDefault { get; set; }

    protected override void ProcessRecord()
    {
        var target = ApiKeyResolver.SecretLabel(SecretName, Vault);
        if (!ShouldProcess(target, "Store the Evolink API key"))
            return;
        var secrets = new PowerShellSecretStore(this);
        try
        {
            // Before asking for the key: a missing SecretManagement should not cost the user a typed key.
            secrets.EnsureAvailable();
            secrets.EnsureVault(Vault);
            var key = ApiKey ?? AskForKey();
            if (key is null || key.Length == 0)
                throw new EvolinkException(EvolinkErrorKind.InvalidInput, "No key was given, so nothing was stored. Pass the key with -ApiKey, or type it when asked.");
            secrets.Set(SecretName, Vault, key);
            Verbose($"Stored the key as {target}.");
            if (DoNotSetDefault)
                return;
            var store = ConfigurationStore.ForCurrentUser();
            store.Update(configuration => configuration.UseSecret(SecretName, Vault), out var problem);
            if (problem is not null)
                Warning(Advice.For(problem));
            Verbose($"Recorded {target} as the key to use, in {store.Path}.");
        }
        catch (EvolinkException ex)
        {
            ThrowEvolinkError(ex, target);
        }
    }

    private SecureString AskForKey()
    {
        try
        {
            Host.UI.Write("Evolink API key (input is hidden): ");
            return Host.UI.ReadLineAsSecureString();
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or System.Management.Automation.Host.HostException or NotImplementedException)
        {
            throw new EvolinkException(EvolinkErrorKind.InvalidInput,
                "This session cannot ask for the key (it is not interactive). Pass it with -ApiKey, e.g. -ApiKey (ConvertTo-SecureString $env:NEW_KEY -AsPlainText -Force).");
        }
    }
}
