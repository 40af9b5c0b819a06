using System.Management.Automation;
using System.Security;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Stores the Evolink API key in a SecretManagement vault and makes it the default.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "EvolinkApiKey", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class SetEvolinkApiKeyCommand : PSCmdlet
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
        var key = ApiKey ?? Host.UI.ReadLineAsSecureString();
        if (key is null || key.Length == 0)
        {
            ThrowTerminatingError(new ErrorRecord(new EvolinkException(EvolinkErrorKind.InvalidInput, "No key was given; nothing was stored."),
                "EvolinkInvalidInput", ErrorCategory.InvalidArgument, null));
            return;
        }
        try
        {
            new PowerShellSecretStore(this).Set(SecretName, Vault, key);
            WriteVerbose($"Stored the key as {target}.");
            if (DoNotSetDefault)
                return;
            var store = ConfigurationStore.ForCurrentUser();
            store.Update(configuration => configuration.UseSecret(SecretName, Vault), out var problem);
            if (problem is not null)
                WriteWarning(problem);
            WriteVerbose($"Recorded {target} as the key to use, in {store.Path}.");
        }
        catch (EvolinkException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorCatalog.ErrorId(ex.Kind), ErrorCategory.InvalidOperation, target));
        }
    }
}
