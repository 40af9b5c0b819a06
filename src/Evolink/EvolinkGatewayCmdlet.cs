using System;
using System.Management.Automation;
using System.Security;

namespace Evolink.Commands;

/// <summary>
/// The connection parameters of every cmdlet that talks to the gateway, with
/// Invoke-RestMethod's names and meanings, and the client built from them.
/// </summary>
public abstract class EvolinkGatewayCmdlet : EvolinkCmdlet
{
    [Parameter]
    public SecureString? ApiKey { get; set; }

    [Parameter]
    public Uri? BaseUri { get; set; }

    /// <summary>Send the key over plain http:// to a host that is not this machine.</summary>
    [Parameter]
    public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    /// <summary>Seconds to connect, send and get the reply headers; 0 for no limit.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int ConnectionTimeoutSeconds { get; set; } = 300;

    /// <summary>The longest silence, in seconds, while a reply's body arrives; 0 for no limit.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int OperationTimeoutSeconds { get; set; } = 300;

    [Parameter]
    [ValidateRange(0, 10)]
    public int MaximumRetryCount { get; set; } = 3;

    /// <summary>The first wait between retries; later waits double, with jitter.</summary>
    [Parameter]
    [ValidateRange(0.0, 600.0)]
    public double RetryIntervalSec { get; set; } = 1;

    protected EvolinkClient? Client { get; private set; }

    /// <summary>Builds the client once; a problem every input would hit (no key, bad base URI) stops the command here.</summary>
    protected override void BeginProcessing()
    {
        try
        {
            var key = ApiKeyResolver.Resolve(ApiKey, Environment.GetEnvironmentVariable);
            var options = new EvolinkClientOptions(key.Key)
            {
                BaseUri = EvolinkClientOptions.ResolveBaseUri(BaseUri, Environment.GetEnvironmentVariable),
                FallbackBaseUri = EvolinkClientOptions.FallbackFor(BaseUri, Environment.GetEnvironmentVariable),
                AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
                ConnectionTimeout = Seconds(ConnectionTimeoutSeconds),
                OperationTimeout = Seconds(OperationTimeoutSeconds),
                Retry = new RetryPolicy { MaximumRetryCount = MaximumRetryCount, RetryInterval = TimeSpan.FromSeconds(RetryIntervalSec) },
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

    private static TimeSpan? Seconds(int value) => value == 0 ? null : TimeSpan.FromSeconds(value);
}
