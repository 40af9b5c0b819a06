using System;
using System.Security;

namespace Evolink.Configuration;

/// <summary>What the user typed for one command; null (or false) where nothing was typed.</summary>
public sealed class TypedSettings
{
    public SecureString? ApiKey { get; set; }
    public string? SecretName { get; set; }
    public string? Vault { get; set; }
    public Uri? BaseUri { get; set; }
    public bool AllowUnencryptedAuthentication { get; set; }
    public int? ConnectionTimeoutSeconds { get; set; }
    public int? OperationTimeoutSeconds { get; set; }
    public int? TimeoutSec { get; set; }
    public int? MaximumReplySizeMB { get; set; }
    public int? MaximumRetryCount { get; set; }
    public double? RetryIntervalSec { get; set; }
    public Uri? Proxy { get; set; }
    public ProxyLogin? ProxyCredential { get; set; }
    public bool ProxyUseDefaultCredentials { get; set; }
    public bool NoProxy { get; set; }
    public bool SkipCertificateCheck { get; set; }
    public string? CertificateAuthorityFile { get; set; }
    public Version? HttpVersion { get; set; }
}

/// <summary>The settings one command uses: the client options, and where the key came from.</summary>
public sealed class ResolvedSettings
{
    public ResolvedSettings(EvolinkClientOptions options, ResolvedApiKey key, EvolinkConfiguration settings)
    {
        Options = options;
        Key = key;
        Settings = settings;
    }

    /// <summary>Every configured value as the session and the file give it (no typed values), e.g. whether the history is on.</summary>
    public EvolinkConfiguration Settings { get; }

    public EvolinkClientOptions Options { get; }

    /// <summary>Where the key came from (the key itself is in <see cref="Options"/>).</summary>
    public ResolvedApiKey Key { get; }
}

/// <summary>
/// The one place that decides which value of each setting a command uses:
/// what was typed, then the session's settings, then the environment
/// (EVOLINK_BASE_URL), then the saved file, then the built-in default. The
/// key has its own documented order: the key given, then a secret (named on
/// the command, or by the session or the file), then EVOLINK_API_KEY. Every
/// cmdlet that talks to the gateway, and the -Model completer, resolve
/// their settings here, so they reach the same gateway with the same key.
/// </summary>
public static class SettingsResolver
{
    /// <param name="secrets">Where named secrets are read; null where no vault may be opened (tab completion): the key then is the one given or the environment's.</param>
    public static ResolvedSettings Resolve(TypedSettings typed, EvolinkConfiguration session, EvolinkConfiguration saved,
        Func<string, string?> environment, ISecretStore? secrets)
    {
        // Below what was typed, every value is the effective configuration's: the one order, decided there.
        var settings = ConfigurationLayers.Effective(session, saved, environment);
        var key = secrets is null
            ? ApiKeyResolver.Resolve(typed.ApiKey, environment)
            : ApiKeyResolver.Resolve(typed.ApiKey, typed.SecretName, typed.Vault, settings, secrets, environment);
        var (baseUri, source) = BaseUri(typed.BaseUri, session, saved, environment);
        if (source is not null && !GatewayEndpoint.IsHttpUri(baseUri))
            throw new EvolinkException(EvolinkErrorKind.Configuration,
                $"The base URI '{baseUri}' ({source}) is not an absolute http(s) URI, such as https://direct.evolink.ai.",
                remedy: EvolinkRemedy.SaveBaseUri);
        var options = new EvolinkClientOptions(key.Key)
        {
            BaseUri = baseUri,
            // Only the built-in default host falls back to the documented second host; a host anyone chose never does.
            FallbackBaseUri = source is null && typed.BaseUri is null && !FromEnvironment(environment) ? EvolinkClientOptions.DocumentedFallbackUri : null,
            AllowUnencryptedAuthentication = typed.AllowUnencryptedAuthentication,
            ConnectionTimeout = Seconds(typed.ConnectionTimeoutSeconds ?? settings.ConnectionTimeoutSeconds!.Value),
            OperationTimeout = Seconds(typed.OperationTimeoutSeconds ?? settings.OperationTimeoutSeconds!.Value),
            TotalTimeout = Seconds(typed.TimeoutSec ?? settings.TimeoutSec!.Value),
            MaxReplyBytes = (typed.MaximumReplySizeMB ?? settings.MaximumReplySizeMB!.Value) * 1024L * 1024L,
            Retry = new RetryPolicy
            {
                MaximumRetryCount = typed.MaximumRetryCount ?? settings.MaximumRetryCount!.Value,
                RetryInterval = TimeSpan.FromSeconds(typed.RetryIntervalSec ?? settings.RetryIntervalSec!.Value),
            },
            DefaultModel = settings.DefaultModel!,
        };
        options.Network = Network(typed, session, saved, settings, environment, secrets, options);
        GatewayEndpoint.EnsureSafe(options.BaseUri, options.AllowUnencryptedAuthentication);
        return new ResolvedSettings(options, key, settings);
    }

    /// <summary>
    /// The base URI and, unless it was typed or is the default, where it came
    /// from (for messages): typed, then session, then EVOLINK_BASE_URL, then the file.
    /// </summary>
    public static (Uri BaseUri, string? Source) BaseUri(Uri? typed, EvolinkConfiguration session, EvolinkConfiguration saved, Func<string, string?> environment)
    {
        if (typed is not null)
            return (typed, null);
        if (session.BaseUri is not null)
            return (session.BaseUri, "set for this session");
        if (FromEnvironment(environment))
            return (EvolinkClientOptions.ResolveBaseUri(null, environment), null);
        if (saved.BaseUri is not null)
            return (saved.BaseUri, $"in the configuration file '{saved.Path}'");
        return (EvolinkClientOptions.DefaultBaseUri, null);
    }

    /// <summary>
    /// Proxy, trust and HTTP version: what was typed, then the session, then
    /// the proxy variables, then the file (the chooser applies the variables
    /// between a proxy named now and one saved), then the system.
    /// </summary>
    private static NetworkSettings Network(TypedSettings typed, EvolinkConfiguration session, EvolinkConfiguration saved,
        EvolinkConfiguration settings, Func<string, string?> environment, ISecretStore? secrets, EvolinkClientOptions options)
    {
        var named = typed.Proxy ?? session.Proxy;
        var noProxy = typed.NoProxy || (typed.Proxy is null && settings.NoProxy == true);
        // A saved proxy password is read from its vault only when a proxy can be on the way: not with -NoProxy, nor for a gateway on this machine.
        var proxied = !noProxy && !(GatewayEndpoint.IsLoopback(options.BaseUri) && options.FallbackBaseUri is null);
        return new NetworkSettings
        {
            Proxy = named,
            ProxySource = typed.Proxy is not null ? "parameter" : session.Proxy is not null ? "session" : null,
            SavedProxy = named is null ? saved.Proxy : null,
            ProxyCredential = (typed.ProxyCredential ?? session.ProxyCredential ?? (proxied ? SavedProxyLogin(settings, secrets) : null))?.ToNetworkCredential(),
            ProxyUseDefaultCredentials = typed.ProxyUseDefaultCredentials || settings.ProxyUseDefaultCredentials == true,
            NoProxy = noProxy,
            Variables = ProxyVariables.From(environment),
            SkipCertificateCheck = typed.SkipCertificateCheck,
            CertificateAuthorityFile = typed.CertificateAuthorityFile ?? settings.CertificateAuthorityFile,
            HttpVersion = typed.HttpVersion ?? (settings.HttpVersion is { } text ? Version.Parse(text) : null),
        };
    }

    /// <summary>The proxy credential kept in a vault, named by the configuration; none where no vault may be opened (tab completion).</summary>
    private static ProxyLogin? SavedProxyLogin(EvolinkConfiguration settings, ISecretStore? secrets)
    {
        if (settings.ProxySecretName is not { } name || settings.ProxyUserName is not { } user || secrets is null)
            return null;
        var password = secrets.Get(name, settings.ProxyVault)
            ?? throw new EvolinkException(EvolinkErrorKind.Configuration,
                $"The proxy's password was to come from {ApiKeyResolver.SecretLabel(name, settings.ProxyVault)}, but there is no such secret.",
                remedy: EvolinkRemedy.StoreProxySecret);
        return new ProxyLogin(user, password);
    }

    private static bool FromEnvironment(Func<string, string?> environment) =>
        !string.IsNullOrWhiteSpace(environment(EvolinkClientOptions.BaseUriEnvironmentVariable));

    private static TimeSpan? Seconds(int value) => value <= 0 ? null : TimeSpan.FromSeconds(value);
}
