using System;
using System.Management.Automation;
using System.Security;

namespace Evolink.Commands;

/// <summary>
/// The connection parameters of every cmdlet that talks to the gateway, with
/// Invoke-RestMethod's names and meanings, and the client built from them:
/// a parameter wins, then the saved configuration, then the built-in default.
/// </summary>
public abstract class EvolinkGatewayCmdlet : EvolinkCmdlet
{
    /// <summary>The Evolink API key, as a SecureString. Without it the key comes from -SecretName, the saved configuration's secret, or EVOLINK_API_KEY, in that order.</summary>
    [Parameter]
    public SecureString? ApiKey { get; set; }

    /// <summary>The SecretManagement secret that holds the key.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SecretName { get; set; }

    /// <summary>The vault of -SecretName; the default vault when left out.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Vault { get; set; }

    /// <summary>The gateway's root, e.g. https://api.evolink.ai. Without it: EVOLINK_BASE_URL, the saved configuration, then https://direct.evolink.ai (which falls back to https://api.evolink.ai when it fails).</summary>
    [Parameter]
    [ValidateGatewayUri]
    public Uri? BaseUri { get; set; }

    /// <summary>Send the key over plain http:// to a host that is not this machine.</summary>
    [Parameter]
    public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    /// <summary>Seconds to connect, send and get the reply headers; 0 for no limit. Default 300.</summary>
    [Parameter]
    [ValidateRange(EvolinkLimits.MinimumTimeoutSeconds, EvolinkLimits.MaximumTimeoutSeconds)]
    public int ConnectionTimeoutSeconds { get; set; } = EvolinkLimits.DefaultConnectionTimeoutSeconds;

    /// <summary>The longest silence, in seconds, while a reply's body arrives; 0 for no limit. Default 120.</summary>
    [Parameter]
    [ValidateRange(EvolinkLimits.MinimumTimeoutSeconds, EvolinkLimits.MaximumTimeoutSeconds)]
    public int OperationTimeoutSeconds { get; set; } = EvolinkLimits.DefaultOperationTimeoutSeconds;

    /// <summary>The most seconds one call may take in all, retries and a stream's last byte included; 0 for no limit. Default 600.</summary>
    [Parameter]
    [ValidateRange(EvolinkLimits.MinimumTimeoutSeconds, EvolinkLimits.MaximumTimeoutSeconds)]
    public int TimeoutSec { get; set; } = EvolinkLimits.DefaultTotalTimeoutSeconds;

    /// <summary>The largest reply accepted, in megabytes (after decompression); a larger one is an error. Default 64.</summary>
    [Parameter]
    [ValidateRange(EvolinkLimits.MinimumReplyMegabytes, EvolinkLimits.MaximumReplyMegabytes)]
    public int MaximumReplySizeMB { get; set; } = EvolinkLimits.DefaultMaxReplyMegabytes;

    /// <summary>How many times a request that failed with 408, 429 or 5xx, or could not connect, is sent again. Default 3.</summary>
    [Parameter]
    [ValidateRange(EvolinkLimits.MinimumRetryCount, EvolinkLimits.MaximumRetryCount)]
    public int MaximumRetryCount { get; set; } = EvolinkLimits.DefaultRetryCount;

    /// <summary>The first wait between retries; later waits double, with jitter. Default 1.</summary>
    [Parameter]
    [ValidateRange(EvolinkLimits.MinimumRetryIntervalSec, EvolinkLimits.MaximumRetryIntervalSec)]
    public double RetryIntervalSec { get; set; } = EvolinkLimits.DefaultRetryIntervalSec;

    protected EvolinkClient? Client { get; private set; }

    /// <summary>The session's settings over the saved file's.</summary>
    protected EvolinkConfiguration Settings { get; private set; } = new();

    /// <summary>Builds the client once; a problem every input would hit (no key, bad base URI) stops the command here.</summary>
    protected override void BeginProcessing()
    {
        try
        {
            var saved = ConfigurationStore.ForCurrentUser().Load(out var problem);
            if (problem is not null)
                WriteWarning(problem);
            Settings = ConfigurationLayers.Merge(SessionSettings.Current, saved);
            var key = ApiKeyResolver.Resolve(ApiKey, SecretName, Vault, Settings, new PowerShellSecretStore(this), Environment.GetEnvironmentVariable);
            var baseUri = EvolinkClientOptions.ResolveBaseUri(BaseUri, Environment.GetEnvironmentVariable, Settings.BaseUri);
            if (BaseUri is null && Equals(baseUri, Settings.BaseUri) && !GatewayEndpoint.IsHttpUri(baseUri))
                throw new EvolinkException(EvolinkErrorKind.Configuration,
                    $"The saved base URI '{baseUri}' ({SavedIn(baseUri)}) is not an absolute http(s) URI. " +
                    "Save a good one with Set-EvolinkConfiguration -BaseUri https://direct.evolink.ai, or pass -BaseUri.");
            var options = new EvolinkClientOptions(key.Key)
            {
                BaseUri = baseUri,
                FallbackBaseUri = EvolinkClientOptions.FallbackFor(BaseUri, Environment.GetEnvironmentVariable, Settings.BaseUri),
                AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
                ConnectionTimeout = Seconds(Choose(nameof(ConnectionTimeoutSeconds), ConnectionTimeoutSeconds, Settings.ConnectionTimeoutSeconds)),
                OperationTimeout = Seconds(Choose(nameof(OperationTimeoutSeconds), OperationTimeoutSeconds, Settings.OperationTimeoutSeconds)),
                TotalTimeout = Seconds(Choose(nameof(TimeoutSec), TimeoutSec, Settings.TimeoutSec)),
                MaxReplyBytes = Choose(nameof(MaximumReplySizeMB), MaximumReplySizeMB, Settings.MaximumReplySizeMB) * 1024L * 1024L,
                Retry = new RetryPolicy
                {
                    MaximumRetryCount = Choose(nameof(MaximumRetryCount), MaximumRetryCount, Settings.MaximumRetryCount),
                    RetryInterval = TimeSpan.FromSeconds(Choose(nameof(RetryIntervalSec), RetryIntervalSec, Settings.RetryIntervalSec)),
                },
                Log = message => Post(() => WriteVerbose(message)),
                LogDebug = message => Post(() => WriteDebug(message)),
            };
            GatewayEndpoint.EnsureSafe(options.BaseUri, options.AllowUnencryptedAuthentication);
            Client = new EvolinkClient(options);
            WriteVerbose($"Using the API key from {key.Source}; gateway {options.BaseUri}.");
        }
        catch (EvolinkException ex)
        {
            ThrowEvolinkError(ex, null);
        }
    }

    private string SavedIn(Uri value) =>
        Equals(SessionSettings.Current.BaseUri, value) ? "set for this session" : $"in the configuration file '{Settings.Path}'";

    /// <summary>A parameter the user typed wins; otherwise the configuration's value, else the parameter's default.</summary>
    private T Choose<T>(string parameter, T value, T? configured) where T : struct =>
        MyInvocation.BoundParameters.ContainsKey(parameter) || configured is null ? value : configured.Value;

    private static TimeSpan? Seconds(int value) => value == 0 ? null : TimeSpan.FromSeconds(value);
}
