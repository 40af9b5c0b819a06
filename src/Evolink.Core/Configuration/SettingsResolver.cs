using System;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Configuration;

/// <summary>The settings one command uses: the client options, every value with its source, and where the key came from.</summary>
public sealed class ResolvedSettings
{
    public ResolvedSettings(EvolinkClientOptions options, ResolvedApiKey key, EvolinkConfiguration settings)
    {
        Options = options;
        Key = key;
        Settings = settings;
    }

    /// <summary>Every value as the command uses it, with where it came from (e.g. whether the history is on).</summary>
    public EvolinkConfiguration Settings { get; }

    public EvolinkClientOptions Options { get; }

    /// <summary>Where the key came from (the key itself is in <see cref="Options"/>).</summary>
    public ResolvedApiKey Key { get; }
}

/// <summary>
/// Turns the combined settings (<see cref="ConfigurationLayers"/>, the one
/// order) into a client's options. Each setting reaches the options as its
/// declaration says (<see cref="Setting.Apply"/>); what needs more than one
/// setting is decided here: the key (given, a secret, or EVOLINK_API_KEY),
/// the fallback host (only for the default gateway), and the proxy (one
/// named now, the proxy variables, one saved, the system's, in that order).
/// </summary>
public static class SettingsResolver
{
    /// <param name="given">What the command was given: only the settings typed, nothing else.</param>
    /// <param name="secrets">Where named secrets are read; null where no vault may be opened (tab completion): the key then is the one given or the environment's.</param>
    public static ResolvedSettings Resolve(EvolinkConfiguration given, EvolinkConfiguration session, EvolinkConfiguration saved,
        Func<string, string?> environment, ISecretStore? secrets)
    {
        var settings = ConfigurationLayers.Combine(given, session, saved, environment, strict: true);
        var key = Replaying(settings) ? KeyIfAny(given, settings, saved, environment, secrets) : Key(given, settings, saved, environment, secrets);
        var baseUri = settings.Value(Settings.BaseUri)!;
        var baseUriSource = settings.SourceOf(Settings.BaseUri.Name);
        if (baseUriSource is ConfigurationLayers.Session or ConfigurationLayers.File && !GatewayEndpoint.IsHttpUri(baseUri))
            throw new EvolinkException(EvolinkErrorKind.Configuration,
                $"The base URI '{baseUri}' ({(baseUriSource == ConfigurationLayers.File ? $"in the configuration file '{saved.Path}'" : "set for this session")}) " +
                "is not an absolute http(s) URI, such as https://direct.evolink.ai.",
                remedy: EvolinkRemedy.SaveBaseUri);
        var options = new EvolinkClientOptions(key.Key)
        {
            BaseUri = baseUri,
            // Only the built-in default host falls back to the documented second host; a host anyone chose never does.
            FallbackBaseUri = baseUriSource == ConfigurationLayers.Default ? EvolinkClientOptions.DocumentedFallbackUri : null,
        };
        foreach (var setting in Settings.All)
            setting.Apply(options, settings[setting]);
        Proxy(given, settings, environment, secrets, options);
        GatewayEndpoint.EnsureSafe(options.BaseUri, options.AllowUnencryptedAuthentication);
        return new ResolvedSettings(options, key, settings);
    }

    /// <summary>Answering from a replay file: nothing is sent, so a script is tested without a key.</summary>
    private static bool Replaying(EvolinkConfiguration settings) =>
        settings[Settings.Replay] is string && (settings[Settings.ReplayMode] as string ?? Settings.Limits.Replay) == Settings.Limits.Replay;

    /// <summary>The key when there is one; else a stand-in that never leaves the process (a replay sends nothing).</summary>
    private static ResolvedApiKey KeyIfAny(EvolinkConfiguration given, EvolinkConfiguration settings, EvolinkConfiguration saved,
        Func<string, string?> environment, ISecretStore? secrets)
    {
        try
        {
            return Key(given, settings, saved, environment, secrets);
        }
        catch (EvolinkException missing) when (missing.Remedy == EvolinkRemedy.ProvideApiKey)
        {
            return new ResolvedApiKey(EvolinkApiKey.FromText("replayed-no-key"), KeyOrigin.NotNeeded, "none needed: answers come from the replay file");
        }
    }

    /// <summary>A secret named with the command brings its own vault; otherwise the vault given, else the one the secret was set with.</summary>
    private static ResolvedApiKey Key(EvolinkConfiguration given, EvolinkConfiguration settings, EvolinkConfiguration saved,
        Func<string, string?> environment, ISecretStore? secrets)
    {
        var explicitKey = given[Settings.ApiKey] as System.Security.SecureString;
        if (secrets is null)
            return ApiKeyResolver.Resolve(explicitKey, null, null, null, null, environment);
        var name = settings[Settings.SecretName] as string;
        var source = settings.SourceOf(Settings.SecretName.Name);
        var vault = source == ConfigurationLayers.Given ? given[Settings.Vault] as string : settings[Settings.Vault] as string;
        var namedBy = source switch
        {
            ConfigurationLayers.Given => "the call",
            ConfigurationLayers.Session => "this session's settings",
            _ => $"the configuration file '{saved.Path}'",
        };
        return ApiKeyResolver.Resolve(explicitKey, name, vault, namedBy, secrets, environment);
    }

    /// <summary>
    /// A proxy named now (given or the session's) is used for every host but
    /// this machine; the chooser puts the proxy variables between it and a
    /// saved one, and the system's settings last. A proxy given now also
    /// overrides a saved "no proxy".
    /// </summary>
    private static void Proxy(EvolinkConfiguration given, EvolinkConfiguration settings, Func<string, string?> environment,
        ISecretStore? secrets, EvolinkClientOptions options)
    {
        var network = options.Network;
        var proxy = settings[Settings.Proxy] as Uri;
        var source = settings.SourceOf(Settings.Proxy.Name);
        var named = source is ConfigurationLayers.Given or ConfigurationLayers.Session;
        network.Proxy = named ? proxy : null;
        network.ProxySource = named ? source : null;
        network.SavedProxy = named ? null : proxy;
        network.NoProxy = given.Value(Settings.NoProxy) || (given[Settings.Proxy] is null && settings.Value(Settings.NoProxy));
        network.Variables = ProxyVariables.From(environment);
        // A saved proxy password is read from its vault only when a proxy can be on the way: not with -NoProxy, nor for a gateway on this machine.
        var proxied = !network.NoProxy && !(GatewayEndpoint.IsLoopback(options.BaseUri) && options.FallbackBaseUri is null);
        var login = settings[Settings.ProxyCredential] as ProxyLogin ?? (proxied ? SavedProxyLogin(settings, secrets) : null);
        network.ProxyCredential = login?.ToNetworkCredential();
    }

    /// <summary>The proxy credential kept in a vault, named by the configuration; none where no vault may be opened (tab completion).</summary>
    private static ProxyLogin? SavedProxyLogin(EvolinkConfiguration settings, ISecretStore? secrets)
    {
        if (settings[Settings.ProxySecretName] is not string name || settings[Settings.ProxyUserName] is not string user || secrets is null)
            return null;
        var vault = settings[Settings.ProxyVault] as string;
        var password = secrets.Get(name, vault)
            ?? throw new EvolinkException(EvolinkErrorKind.Configuration,
                $"The proxy's password was to come from {ApiKeyResolver.SecretLabel(name, vault)}, but there is no such secret.",
                remedy: EvolinkRemedy.StoreProxySecret);
        return new ProxyLogin(user, password);
    }
}
