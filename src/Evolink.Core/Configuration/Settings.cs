using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Text.Json;
using Evolink.Credentials;

namespace Evolink.Configuration;

/// <summary>
/// Every setting a user can set, each declared once: its name, type, range
/// or allowed values, default, where it may be given, and how it reaches the
/// client. To add a setting: declare it here, add it to <see cref="All"/>,
/// and give the cmdlets a parameter of the same name (the gateway commands'
/// network part, and Set-EvolinkConfiguration when it may be saved); the
/// file, the session, the effective view and the resolver take it from here.
/// </summary>
public static class Settings
{
    /// <summary>The ranges and defaults as constants, because the cmdlets' validation attributes need constants.</summary>
    public static class Limits
    {
        public const int MinimumRetryCount = 0;
        public const int MaximumRetryCount = 10;

        /// <summary>Enough to ride out a short burst of 503s or a brief rate limit (about 1 + 2 + 4 s of waiting), short enough that a CI step with a real outage fails within seconds.</summary>
        public const int DefaultRetryCount = 3;

        public const double MinimumRetryIntervalSec = 0.0;
        public const double MaximumRetryIntervalSec = 600.0;
        public const double DefaultRetryIntervalSec = 1.0;

        /// <summary>Timeouts in seconds, 0 meaning none; the top is what a .NET timer can wait (about 24 days).</summary>
        public const int MinimumTimeoutSeconds = 0;
        public const int MaximumTimeoutSeconds = 2_000_000;

        /// <summary>Long enough for a thinking model's whole non-streamed answer.</summary>
        public const int DefaultConnectionTimeoutSeconds = 300;
        public const int DefaultOperationTimeoutSeconds = 120;

        /// <summary>A server that never answers holds a call 10 minutes at most, retries included.</summary>
        public const int DefaultTotalTimeoutSeconds = 600;

        public const int MinimumReplyMegabytes = 1;
        public const int MaximumReplyMegabytes = 4096;
        public const int DefaultMaxReplyMegabytes = 64;

        public const string Http11 = "1.1";
        public const string Http20 = "2.0";

        /// <summary>Answer only from the replay file, sending nothing.</summary>
        public const string Replay = "Replay";

        /// <summary>Send as usual and add each answer to the replay file.</summary>
        public const string Record = "Record";

        /// <summary>Answer a request at temperature 0 from a fresh enough recording; send and record the rest.</summary>
        public const string Cache = "Cache";

        /// <summary>As <see cref="Cache"/>, whatever the temperature.</summary>
        public const string CacheAll = "CacheAll";

        public const int MinimumCacheAgeSeconds = 1;

        /// <summary>Ten years: a recording that should never go stale.</summary>
        public const int MaximumCacheAgeSeconds = 315_360_000;

        /// <summary>A day: answers from yesterday's run are reused, last week's are asked again.</summary>
        public const int DefaultCacheAgeSeconds = 86_400;
    }

    public const string DefaultModelId = "gemini-2.5-flash";

    /// <summary>The gateway the documentation names first; it falls back to <see cref="EvolinkClientOptions.DocumentedFallbackUri"/>.</summary>
    public static readonly Uri DefaultBaseUri = new("https://direct.evolink.ai");

    public const string BaseUriVariable = "EVOLINK_BASE_URL";

    // The gateway and the key.

    public static readonly Setting<string> DefaultModel = Text(nameof(DefaultModel), DefaultModelId, (o, v) => o.DefaultModel = v ?? DefaultModelId);

    /// <summary>Read from the file as it is written, so that a wrong one fails the call naming the file instead of quietly sending the key elsewhere.</summary>
    public static readonly Setting<Uri> BaseUri = new(nameof(BaseUri), SettingScope.Saved, DefaultBaseUri,
        read: e => TextOf(e) is (string text, null) ? (new Uri(text, UriKind.RelativeOrAbsolute), null) : (null, TextOf(e).Problem),
        write: (w, v) => w.WriteStringValue(v.OriginalString),
        environmentVariable: BaseUriVariable, parse: text => HttpUri(text.Trim(), "the gateway's root, e.g. https://direct.evolink.ai"));

    public static readonly Setting<string> SecretName = Text(nameof(SecretName));
    public static readonly Setting<string> Vault = Text(nameof(Vault));

    public static readonly Setting<SecureString> ApiKey = new(nameof(ApiKey), SettingScope.Call, null,
        read: _ => (null, "is never read from a file"), write: (_, _) => throw new InvalidOperationException("A key is never written."), secret: true);

    public static readonly Setting<bool> AllowUnencryptedAuthentication =
        Flag(nameof(AllowUnencryptedAuthentication), (o, v) => o.AllowUnencryptedAuthentication = v, SettingScope.Call);

    // Retries, time and size.

    public static readonly Setting<int> MaximumRetryCount = Whole(nameof(MaximumRetryCount), Limits.MinimumRetryCount, Limits.MaximumRetryCount,
        Limits.DefaultRetryCount, (o, v) => o.Retry.MaximumRetryCount = v);

    public static readonly Setting<double> RetryIntervalSec = Number(nameof(RetryIntervalSec), Limits.MinimumRetryIntervalSec, Limits.MaximumRetryIntervalSec,
        Limits.DefaultRetryIntervalSec, (o, v) => o.Retry.RetryInterval = TimeSpan.FromSeconds(v));

    public static readonly Setting<int> ConnectionTimeoutSeconds = Seconds(nameof(ConnectionTimeoutSeconds), Limits.DefaultConnectionTimeoutSeconds, (o, v) => o.ConnectionTimeout = v);
    public static readonly Setting<int> OperationTimeoutSeconds = Seconds(nameof(OperationTimeoutSeconds), Limits.DefaultOperationTimeoutSeconds, (o, v) => o.OperationTimeout = v);
    public static readonly Setting<int> TimeoutSec = Seconds(nameof(TimeoutSec), Limits.DefaultTotalTimeoutSeconds, (o, v) => o.TotalTimeout = v);

    public static readonly Setting<int> MaximumReplySizeMB = Whole(nameof(MaximumReplySizeMB), Limits.MinimumReplyMegabytes, Limits.MaximumReplyMegabytes,
        Limits.DefaultMaxReplyMegabytes, (o, v) => o.MaxReplyBytes = v * 1024L * 1024L);

    // The network: proxy, trust, HTTP version.

    /// <summary>Between a proxy named now and one saved come the proxy variables, per host; <see cref="SettingsResolver"/> hands both to the proxy chooser.</summary>
    public static readonly Setting<Uri> Proxy = new(nameof(Proxy), SettingScope.Saved, null,
        read: e => TextOf(e) is (string text, null) ? HttpUri(text, "an http(s) URI such as http://proxy.example:8080") : (null, TextOf(e).Problem),
        write: (w, v) => w.WriteStringValue(v.OriginalString));

    public static readonly Setting<bool> NoProxy = Flag(nameof(NoProxy));
    public static readonly Setting<bool> ProxyUseDefaultCredentials = Flag(nameof(ProxyUseDefaultCredentials), (o, v) => o.Network.ProxyUseDefaultCredentials = v);

    /// <summary>For a session only; the file keeps <see cref="ProxyUserName"/> and the secret that holds the password instead.</summary>
    public static readonly Setting<ProxyLogin> ProxyCredential = new(nameof(ProxyCredential), SettingScope.Session, null,
        read: _ => (null, "is never read from a file"), write: (_, _) => throw new InvalidOperationException("A credential is never written."), secret: true);

    public static readonly Setting<string> ProxyUserName = Text(nameof(ProxyUserName));
    public static readonly Setting<string> ProxySecretName = Text(nameof(ProxySecretName));
    public static readonly Setting<string> ProxyVault = Text(nameof(ProxyVault));

    public static readonly Setting<bool> SkipCertificateCheck = Flag(nameof(SkipCertificateCheck), (o, v) => o.Network.SkipCertificateCheck = v, SettingScope.Call);

    public static readonly Setting<string> CertificateAuthorityFile = Text(nameof(CertificateAuthorityFile), apply: (o, v) => o.Network.CertificateAuthorityFile = v, isPath: true);

    public static readonly Setting<string> HttpVersion = Text(nameof(HttpVersion), apply: (o, v) => o.Network.HttpVersion = v is null ? null : Version.Parse(v),
        allowed: new[] { Limits.Http11, Limits.Http20 });

    // What the module keeps.

    public static readonly Setting<bool> History = Flag(nameof(History));

    // Answers from a recording: scripts tested offline, without a key.

    public const string ReplayVariable = "EVOLINK_REPLAY";
    public const string ReplayModeVariable = "EVOLINK_REPLAY_MODE";

    /// <summary>A file of recorded answers; with it every request is answered from the file (or recorded into it, with <see cref="ReplayMode"/> Record).</summary>
    public static readonly Setting<string> Replay = new(nameof(Replay), SettingScope.Call, null,
        read: _ => (null, "is never read from a file"), write: (_, _) => throw new InvalidOperationException("A replay file is never saved."),
        apply: (o, v) => o.ReplayFile = v, environmentVariable: ReplayVariable, parse: text => (text.Trim(), null), isPath: true);

    private static readonly string[] ReplayModes = { Limits.Replay, Limits.Record, Limits.Cache, Limits.CacheAll };

    /// <summary>Replay (the default): answer from the file only; Record: send, and keep each answer; Cache and CacheAll: answer from a fresh recording, else send and keep.</summary>
    public static readonly Setting<string> ReplayMode = new(nameof(ReplayMode), SettingScope.Call, Limits.Replay,
        read: _ => (null, "is never read from a file"), write: (_, _) => throw new InvalidOperationException("A replay mode is never saved."),
        check: v => Array.IndexOf(ReplayModes, v) >= 0 ? null : $"is '{v}', but must be one of {string.Join(", ", ReplayModes)}",
        apply: (o, v) => o.ReplayUse = (ReplayUse)Math.Max(0, Array.IndexOf(ReplayModes, v)), environmentVariable: ReplayModeVariable,
        parse: text => (ReplayModes.FirstOrDefault(m => string.Equals(m, text.Trim(), StringComparison.OrdinalIgnoreCase)) ?? text.Trim(), null));

    public const string CacheMaximumAgeVariable = "EVOLINK_CACHE_MAX_AGE";

    /// <summary>With ReplayMode Cache: how old a recording may be and still answer.</summary>
    public static readonly Setting<int> CacheMaximumAgeSeconds = new(nameof(CacheMaximumAgeSeconds), SettingScope.Call, Limits.DefaultCacheAgeSeconds,
        read: _ => (null, "is never read from a file"), write: (_, _) => throw new InvalidOperationException("A cache age is never saved."),
        check: v => v < Limits.MinimumCacheAgeSeconds || v > Limits.MaximumCacheAgeSeconds
            ? Range(v.ToString(CultureInfo.InvariantCulture), "whole number", Limits.MinimumCacheAgeSeconds, Limits.MaximumCacheAgeSeconds) : null,
        apply: (o, v) => o.CacheMaximumAge = TimeSpan.FromSeconds(v), environmentVariable: CacheMaximumAgeVariable,
        parse: text => int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? (seconds, null) : (null, $"is '{text}', but must be a whole number of seconds"));

    /// <summary>Every setting, in the order the effective configuration shows them.</summary>
    public static IReadOnlyList<Setting> All { get; } = new Setting[]
    {
        DefaultModel, BaseUri, ApiKey, SecretName, Vault, AllowUnencryptedAuthentication,
        MaximumRetryCount, RetryIntervalSec, ConnectionTimeoutSeconds, OperationTimeoutSeconds, TimeoutSec, MaximumReplySizeMB,
        Proxy, NoProxy, ProxyUseDefaultCredentials, ProxyCredential, SkipCertificateCheck, CertificateAuthorityFile, HttpVersion,
        History, Replay, ReplayMode, CacheMaximumAgeSeconds, ProxyUserName, ProxySecretName, ProxyVault,
    };

    private static readonly Dictionary<string, Setting> ByName = All.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The setting of this name, in any case; null when there is none.</summary>
    public static Setting? Find(string name) => ByName.TryGetValue(name, out var setting) ? setting : null;

    private static Setting<string> Text(string name, string? @default = null, Action<EvolinkClientOptions, string?>? apply = null,
        string[]? allowed = null, bool isPath = false) =>
        new(name, SettingScope.Saved, @default, read: TextOf, write: (w, v) => w.WriteStringValue(v), apply: apply, isPath: isPath,
            check: allowed is null ? null : v => Array.IndexOf(allowed, v) >= 0 ? null : $"is '{v}', but must be one of {string.Join(", ", allowed)}");

    private static Setting<bool> Flag(string name, Action<EvolinkClientOptions, bool>? apply = null, SettingScope scope = SettingScope.Saved) =>
        new(name, scope, false,
            read: e => e.ValueKind is JsonValueKind.True or JsonValueKind.False ? (e.GetBoolean(), null) : (null, $"should be true or false, not {e.GetRawText()}"),
            write: (w, v) => w.WriteBooleanValue(v), apply: apply is null ? null : (o, v) => apply(o, v));

    private static Setting<int> Whole(string name, int minimum, int maximum, int @default, Action<EvolinkClientOptions, int> apply) =>
        new(name, SettingScope.Saved, @default,
            read: e => e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var n) && Math.Floor(n) == n && n >= int.MinValue && n <= int.MaxValue
                ? ((int)n, null)
                : (null, Range(e.GetRawText(), "whole number", minimum, maximum)),
            write: (w, v) => w.WriteNumberValue(v), apply: (o, v) => apply(o, v),
            check: v => v < minimum || v > maximum ? Range(v.ToString(CultureInfo.InvariantCulture), "whole number", minimum, maximum) : null);

    private static Setting<double> Number(string name, double minimum, double maximum, double @default, Action<EvolinkClientOptions, double> apply) =>
        new(name, SettingScope.Saved, @default,
            read: e => e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var n) && !double.IsInfinity(n)
                ? (n, null)
                : (null, Range(e.GetRawText(), "number", minimum, maximum)),
            write: (w, v) => w.WriteNumberValue(v), apply: (o, v) => apply(o, v),
            check: v => double.IsNaN(v) || v < minimum || v > maximum ? Range(v.ToString(CultureInfo.InvariantCulture), "number", minimum, maximum) : null);

    /// <summary>Seconds, where 0 means no limit.</summary>
    private static Setting<int> Seconds(string name, int @default, Action<EvolinkClientOptions, TimeSpan?> apply) =>
        Whole(name, Limits.MinimumTimeoutSeconds, Limits.MaximumTimeoutSeconds, @default, (o, v) => apply(o, v <= 0 ? null : TimeSpan.FromSeconds(v)));

    private static string Range(string given, string what, double minimum, double maximum) =>
        string.Format(CultureInfo.InvariantCulture, "is {0}, but must be a {1} from {2} to {3}", given, what, minimum, maximum);

    private static (object? Value, string? Problem) TextOf(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? (e.GetString(), null) : (null, $"should be text, not {e.GetRawText()}");

    private static (object? Value, string? Problem) HttpUri(string text, string example) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && GatewayEndpoint.IsHttpUri(uri) ? (uri, null) : (null, $"is '{text}', but must be {example}");
}
