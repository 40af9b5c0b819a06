using System;
using System.Management.Automation;

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
    [ValidateRange(EvolinkLimits.MinimumRetryCount, EvolinkLimits.MaximumRetryCount)]
    public int? MaximumRetryCount { get; set; }

    [Parameter]
    [ValidateRange(EvolinkLimits.MinimumRetryIntervalSec, EvolinkLimits.MaximumRetryIntervalSec)]
    public double? RetryIntervalSec { get; set; }

    [Parameter]
    [ValidateRange(EvolinkLimits.MinimumTimeoutSeconds, EvolinkLimits.MaximumTimeoutSeconds)]
    public int? ConnectionTimeoutSeconds { get; set; }

    [Parameter]
    [ValidateRange(EvolinkLimits.MinimumTimeoutSeconds, EvolinkLimits.MaximumTimeoutSeconds)]
    public int? OperationTimeoutSeconds { get; set; }

    /// <summary>The most seconds one call may take in all, retries included; 0 for no limit.</summary>
    [Parameter]
    [ValidateRange(EvolinkLimits.MinimumTimeoutSeconds, EvolinkLimits.MaximumTimeoutSeconds)]
    public int? TimeoutSec { get; set; }

    /// <summary>The largest reply accepted, in megabytes.</summary>
    [Parameter]
    [ValidateRange(EvolinkLimits.MinimumReplyMegabytes, EvolinkLimits.MaximumReplyMegabytes)]
    public int? MaximumReplySizeMB { get; set; }

    /// <summary>User (default): saved for every session. Session: this session only, not saved.</summary>
    [Parameter]
    [ValidateSet("User", "Session")]
    public string Scope { get; set; } = "User";

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        EvolinkConfiguration? result = null;
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
                    WriteWarning(Advice.For(problem));
            }
            catch (EvolinkException ex)
            {
                ThrowEvolinkError(ex, store.Path);
            }
        }
        if (PassThru && result is not null)
            WriteObject(result);
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
        if (bound.ContainsKey(nameof(TimeoutSec)))
            configuration.TimeoutSec = TimeoutSec;
        if (bound.ContainsKey(nameof(MaximumReplySizeMB)))
            configuration.MaximumReplySizeMB = MaximumReplySizeMB;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
