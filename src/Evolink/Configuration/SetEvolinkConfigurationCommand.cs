using System;
using System.Linq;
using System.Management.Automation;
using Evolink.Configuration;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Sets Evolink defaults for this user (saved to a file) or for this session only.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "EvolinkConfiguration", SupportsShouldProcess = true)]
[OutputType(typeof(EvolinkConfiguration))]
public sealed class SetEvolinkConfigurationCommand : EvolinkCmdlet
{
    /// <summary>The model used when -Model is not given; an empty string clears it.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ModelCompleter))]
    [AllowEmptyString]
    public string? DefaultModel { get; set; }

    /// <summary>The gateway's root, an absolute http(s) URI, e.g. https://api.evolink.ai.</summary>
    [Parameter]
    [ValidateGatewayUri]
    public Uri? BaseUri { get; set; }

    /// <summary>The SecretManagement secret holding the key; an empty string clears it.</summary>
    [Parameter]
    [AllowEmptyString]
    public string? SecretName { get; set; }

    [Parameter]
    [AllowEmptyString]
    public string? Vault { get; set; }

    [Parameter]
    [ValidateRange(Settings.Limits.MinimumRetryCount, Settings.Limits.MaximumRetryCount)]
    public int? MaximumRetryCount { get; set; }

    [Parameter]
    [ValidateRange(Settings.Limits.MinimumRetryIntervalSec, Settings.Limits.MaximumRetryIntervalSec)]
    public double? RetryIntervalSec { get; set; }

    [Parameter]
    [ValidateRange(Settings.Limits.MinimumTimeoutSeconds, Settings.Limits.MaximumTimeoutSeconds)]
    public int? ConnectionTimeoutSeconds { get; set; }

    [Parameter]
    [ValidateRange(Settings.Limits.MinimumTimeoutSeconds, Settings.Limits.MaximumTimeoutSeconds)]
    public int? OperationTimeoutSeconds { get; set; }

    /// <summary>The most seconds one call may take in all, retries included; 0 for no limit.</summary>
    [Parameter]
    [ValidateRange(Settings.Limits.MinimumTimeoutSeconds, Settings.Limits.MaximumTimeoutSeconds)]
    public int? TimeoutSec { get; set; }

    /// <summary>The largest reply accepted, in megabytes.</summary>
    [Parameter]
    [ValidateRange(Settings.Limits.MinimumReplyMegabytes, Settings.Limits.MaximumReplyMegabytes)]
    public int? MaximumReplySizeMB { get; set; }

    /// <summary>A proxy for every host but this machine; $null clears it. The proxy variables (HTTPS_PROXY, …) win over a saved proxy, not over one set for the session.</summary>
    [Parameter]
    [AllowNull]
    [ValidateGatewayUri(ForProxy = true)]
    public Uri? Proxy { get; set; }

    /// <summary>The proxy's credential. With -Scope Session it is kept in memory; with -Scope User its password goes to a SecretManagement vault (-ProxyVault, else the default vault) as the secret EvolinkProxy, and the file names the secret and the user, never the password. $null forgets it.</summary>
    [Parameter]
    [Credential]
    [AllowNull]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>The vault that keeps the proxy's password (with -ProxyCredential and -Scope User); the default vault when left out.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ProxyVault { get; set; }

    /// <summary>Answer a proxy's challenge with the signed-in user's credentials; -ProxyUseDefaultCredentials:$false clears it.</summary>
    [Parameter]
    public SwitchParameter ProxyUseDefaultCredentials { get; set; }

    /// <summary>Go direct, whatever the proxy variables and the system say; -NoProxy:$false clears it.</summary>
    [Parameter]
    public SwitchParameter NoProxy { get; set; }

    /// <summary>A certificate file (PEM or DER) whose authority is trusted besides the system's; an empty string clears it.</summary>
    [Parameter]
    [AllowEmptyString]
    public string? CertificateAuthorityFile { get; set; }

    /// <summary>The HTTP version to ask for: 1.1 or 2.0; an empty string clears it.</summary>
    [Parameter]
    [ValidateSet(Settings.Limits.Http11, Settings.Limits.Http20, "")]
    public string? HttpVersion { get; set; }

    /// <summary>Keep every chat in the local history (Get-EvolinkHistory); -History:$false turns it off.</summary>
    [Parameter]
    public SwitchParameter History { get; set; }

    /// <summary>User (default): saved for every session. Session: this session only, not saved.</summary>
    [Parameter]
    [ValidateSet("User", "Session")]
    public string Scope { get; set; } = "User";

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        // Nothing named to set (or only where a proxy password would go): said, and no file is written.
        if (!Named().Any() && !MyInvocation.BoundParameters.ContainsKey(nameof(ProxyCredential)))
        {
            Warning("Nothing to set: name a setting, for example -DefaultModel gpt-5.2 or -History. Get-EvolinkConfiguration shows what applies now.");
            return;
        }
        EvolinkConfiguration? result = null;
        if (ProxyCredential is not null && Scope != "Session")
        {
            if (!ShouldProcess(ProxySecret.Label(ProxyVault), "Store the proxy's password"))
                return;
            try
            {
                ProxySecret.Store(this, ProxyCredential, ProxyVault);
            }
            catch (EvolinkException ex)
            {
                ThrowEvolinkError(ex, ProxySecret.Label(ProxyVault));
            }
        }
        if (Scope == "Session")
        {
            if (!ShouldProcess("this session's Evolink settings", "Set"))
                return;
            result = SessionSettings.Current;
            Apply(result);
            SessionSettings.Current = result;
        }
        else
        {
            var store = ConfigurationStore.ForCurrentUser();
            if (!ShouldProcess(store.Path, "Save the Evolink configuration"))
                return;
            try
            {
                // Locked read-modify-write: a file that cannot be read is reported and left as it is, never overwritten.
                store.Update(configuration =>
                {
                    Apply(configuration);
                    result = configuration;
                    return true;
                }, out var problem);
                if (result is null)
                    throw new EvolinkException(EvolinkErrorKind.Configuration, Advice.For(problem!) + " Nothing was saved, so that nothing it holds is lost.");
                if (problem is not null)
                    Warning(Advice.For(problem));
            }
            catch (EvolinkException ex)
            {
                ThrowEvolinkError(ex, store.Path);
            }
        }
        if (PassThru && result is not null)
            WriteObject(ConfigurationView.ForPipeline(result));
    }

    /// <summary>The settings given, each by the parameter of its name; the proxy's credential and vault go together (<see cref="ApplyProxyCredential"/>).</summary>
    private System.Collections.Generic.IEnumerable<Setting> Named() =>
        MyInvocation.BoundParameters.Keys.Select(Settings.Find).OfType<Setting>()
            .Where(setting => setting != Settings.ProxyCredential && setting != Settings.ProxyVault);

    /// <summary>Each setting given takes its value; an empty text, $null or a switch given as $false clears it.</summary>
    private void Apply(EvolinkConfiguration configuration)
    {
        foreach (var setting in Named())
            configuration[setting] = GivenSettings.ToSetting(setting, MyInvocation.BoundParameters[setting.Name], this);
        if (MyInvocation.BoundParameters.ContainsKey(nameof(ProxyCredential)))
            ApplyProxyCredential(configuration);
    }

    /// <summary>A session keeps the credential itself; the file names where its password is kept, and the user.</summary>
    private void ApplyProxyCredential(EvolinkConfiguration configuration)
    {
        if (Scope == "Session")
        {
            configuration[Settings.ProxyCredential] = GivenSettings.ToSetting(Settings.ProxyCredential, ProxyCredential, this);
            return;
        }
        configuration[Settings.ProxyUserName] = ProxyCredential?.UserName;
        configuration[Settings.ProxySecretName] = ProxyCredential is null ? null : ProxySecret.Name;
        configuration[Settings.ProxyVault] = ProxyCredential is null ? null : ProxyVault;
    }
}
