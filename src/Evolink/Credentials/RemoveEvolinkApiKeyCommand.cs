using System.Management.Automation;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Removes the Evolink API key from its SecretManagement vault, and from the configuration if it was the default.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "EvolinkApiKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveEvolinkApiKeyCommand : EvolinkCmdlet
{
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string SecretName { get; set; } = "Evolink";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Vault { get; set; }

    protected override void ProcessRecord()
    {
        var target = ApiKeyResolver.SecretLabel(SecretName, Vault);
        if (!ShouldProcess(target, "Remove the Evolink API key"))
            return;
        try
        {
            new PowerShellSecretStore(this).Remove(SecretName, Vault);
            var store = ConfigurationStore.ForCurrentUser();
            if (store.Update(configuration => configuration.ForgetSecret(SecretName, Vault), out _))
                Verbose($"{target} is no longer the default key in {store.Path}.");
        }
        catch (EvolinkException ex)
        {
            WriteEvolinkError(ex, target);
        }
    }
}
