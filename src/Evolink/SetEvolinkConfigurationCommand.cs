using System;
using System.Management.Automation;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Sets Evolink defaults for this user (saved to a file) or for this session only.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "EvolinkConfiguration", SupportsShouldProcess = true)]
[OutputType(typeof(EvolinkConfiguration))]
public sealed class SetEvolinkConfigurationCommand : PSCmdlet
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
    [ValidateRange(0, 10)]
    public int? MaximumRetryCount { get; set; }

    [Parameter]
    [ValidateRange(0.0, 600.0)]
    public double? RetryIntervalSec { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? ConnectionTimeoutSeconds { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? OperationTimeoutSeconds { get; set; }

    /// <summary>User (default): saved for every session. Session: this session only, not saved.</summary>
    [Parameter]
    [ValidateSet("User", "Session")]
    public string Scope { get; set; } = "User";

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var store = ConfigurationStore.ForCurrentUser();
        var configuration = Scope == "Session" ? SessionSettings.Current : store.Load(out _);
        Apply(configuration);
        if (Scope == "Session")
        {
            if (!ShouldProcess("this session's Evolink settings", "Set"))
                return;
            SessionSettings.Current = configuration;
        }
        else if (ShouldProcess(store.Path, "Save the Evolink configuration"))
            store.Save(configuration);
        else
            return;
        if (PassThru)
            WriteObject(configuration);
    }

    private void Apply(EvolinkConfiguration configuration)
    {
        var bound = MyInvocation.BoundParameters;
        if (bound.ContainsKey(nameof(DefaultModel)))
            configuration.DefaultModel = Text(DefaultModel);
        if (bound.ContainsKey(nameof(BaseUri)))
            configuration.BaseUri = BaseUri;
        if (bound.ContainsKey(nameof(SecretName)))
            configuration.SecretName = Text(SecretName);
        if (bound.ContainsKey(nameof(Vault)))
            configuration.Vault = Text(Vault);
        if (bound.ContainsKey(nameof(MaximumRetryCount)))
            configuration.MaximumRetryCount = MaximumRetryCount;
        if (bound.ContainsKey(nameof(RetryIntervalSec)))
            configuration.RetryIntervalSec = RetryIntervalSec;
        if (bound.ContainsKey(nameof(ConnectionTimeoutSeconds)))
            configuration.ConnectionTimeoutSeconds = ConnectionTimeoutSeconds;
        if (bound.ContainsKey(nameof(OperationTimeoutSeconds)))
            configuration.OperationTimeoutSeconds = OperationTimeoutSeconds;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
