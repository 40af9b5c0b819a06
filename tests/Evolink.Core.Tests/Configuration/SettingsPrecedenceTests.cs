using System;
using System.Collections.Generic;
using System.Security;
using Xunit;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Core.Tests;

/// <summary>
/// Which value each setting takes when several sources have one: what was
/// typed, then the session's settings, then the environment, then the saved
/// file, then the default. One row a setting and a source.
/// </summary>
public sealed class SettingsPrecedenceTests
{
    private sealed class Secrets : ISecretStore
    {
        public SecureString? Get(string name, string? vault) => Gateway.Secure($"sk-secret-{vault}-{name}");
        public void Set(string name, string? vault, SecureString value) => throw new NotSupportedException();
        public void Remove(string name, string? vault) => throw new NotSupportedException();
    }

    /// <summary>One setting at each source (given, session, environment, file), and where the client reads it; "" or 0 where a source has none.</summary>
    private sealed record Row(string Name, Setting Setting, Func<EvolinkClientOptions, object?> Read, object Default, object[] Values);

    private static readonly Row[] Rows =
    {
        new("BaseUri", Settings.BaseUri, o => o.BaseUri, Settings.DefaultBaseUri,
            new object[] { new Uri("https://typed.test/"), new Uri("https://session.test/"), new Uri("https://environment.test/"), new Uri("https://file.test/") }),
        new("DefaultModel", Settings.DefaultModel, o => o.DefaultModel, Settings.DefaultModelId,
            new object[] { "", "session-model", "", "file-model" }),
        new("ConnectionTimeout", Settings.ConnectionTimeoutSeconds, o => o.ConnectionTimeout, TimeSpan.FromSeconds(Settings.Limits.DefaultConnectionTimeoutSeconds),
            new object[] { 11, 12, 0, 14 }),
        new("OperationTimeout", Settings.OperationTimeoutSeconds, o => o.OperationTimeout, TimeSpan.FromSeconds(Settings.Limits.DefaultOperationTimeoutSeconds),
            new object[] { 21, 22, 0, 24 }),
        new("TotalTimeout", Settings.TimeoutSec, o => o.TotalTimeout, TimeSpan.FromSeconds(Settings.Limits.DefaultTotalTimeoutSeconds),
            new object[] { 31, 32, 0, 34 }),
        new("MaxReplyBytes", Settings.MaximumReplySizeMB, o => o.MaxReplyBytes, Settings.Limits.DefaultMaxReplyMegabytes * 1024L * 1024L,
            new object[] { 2, 3, 0, 5 }),
        new("MaximumRetryCount", Settings.MaximumRetryCount, o => o.Retry.MaximumRetryCount, Settings.Limits.DefaultRetryCount,
            new object[] { 6, 7, 0, 9 }),
        new("RetryInterval", Settings.RetryIntervalSec, o => o.Retry.RetryInterval, TimeSpan.FromSeconds(Settings.Limits.DefaultRetryIntervalSec),
            new object[] { 1.5, 2.5, 0.0, 4.5 }),
    };

    private static readonly string[] Sources = { "typed", "session", "environment", "file", "default" };

    public static IEnumerable<object[]> Table()
    {
        foreach (var setting in Rows)
        {
            for (var winner = 0; winner < Sources.Length; winner++)
            {
                // Settings that have no typed or no environment form skip those rows.
                if (winner < 4 && setting.Values[winner] is "" or 0 or 0.0)
                    continue;
                yield return new object[] { setting.Name, Sources[winner] };
            }
        }
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void The_highest_source_that_has_a_value_wins(string name, string winner)
    {
        var setting = Array.Find(Rows, s => s.Name == name)!;
        var from = Array.IndexOf(Sources, winner);
        var typed = new EvolinkConfiguration();
        var session = new EvolinkConfiguration();
        var file = new EvolinkConfiguration { Path = "/home/u/.config/evolink/config.json" };
        var environment = new Dictionary<string, string?> { ["EVOLINK_API_KEY"] = "sk-env-key-000000" };
        // Every source at or below the winner has a value; those above it have none.
        for (var source = from; source < 4; source++)
        {
            var value = setting.Values[source];
            if (value is "" or 0 or 0.0)
                continue;
            switch (Sources[source])
            {
                case "typed": typed[setting.Setting] = value; break;
                case "session": session[setting.Setting] = value; break;
                case "environment": environment["EVOLINK_BASE_URL"] = value.ToString(); break;
                case "file": file[setting.Setting] = value; break;
            }
        }
        var options = SettingsResolver.Resolve(typed, session, file, k => environment.GetValueOrDefault(k), new Secrets()).Options;
        var expected = from == 4 ? setting.Default : Expected(setting, setting.Values[from]);
        Assert.Equal(expected, setting.Read(options));
    }

    private static object Expected(Row setting, object value) => setting.Name switch
    {
        "ConnectionTimeout" or "OperationTimeout" or "TotalTimeout" => TimeSpan.FromSeconds((int)value),
        "RetryInterval" => TimeSpan.FromSeconds((double)value),
        "MaxReplyBytes" => (int)value * 1024L * 1024L,
        _ => value,
    };

    [Theory]
    [InlineData("typed key", "the key given")]
    [InlineData("typed secret", "vault 'TypedVault' secret 'Typed'")]
    [InlineData("session secret", "vault 'SessionVault' secret 'Session'")]
    [InlineData("file secret", "vault 'FileVault' secret 'File'")]
    [InlineData("environment", "the environment variable EVOLINK_API_KEY")]
    public void The_key_comes_from_the_highest_source_that_names_one(string winner, string source)
    {
        var order = new[] { "typed key", "typed secret", "session secret", "file secret", "environment" };
        var from = Array.IndexOf(order, winner);
        var typed = new EvolinkConfiguration();
        var session = new EvolinkConfiguration();
        var file = new EvolinkConfiguration();
        if (from <= 0) typed[Settings.ApiKey] = Gateway.Secure("sk-typed-key-000000");
        if (from <= 1) typed.UseSecret("Typed", "TypedVault");
        if (from <= 2) session.UseSecret("Session", "SessionVault");
        if (from <= 3) file.UseSecret("File", "FileVault");
        var resolved = SettingsResolver.Resolve(typed, session, file, k => k == "EVOLINK_API_KEY" ? "sk-env-key-000000" : null, new Secrets());
        Assert.Equal(source, resolved.Key.Source);
    }

    [Fact]
    public void Only_the_default_host_falls_back_and_a_bad_saved_base_uri_names_its_file()
    {
        var none = new EvolinkConfiguration();
        Func<string, string?> env = k => k == "EVOLINK_API_KEY" ? "sk-env-key-000000" : null;
        Assert.Equal(EvolinkClientOptions.DocumentedFallbackUri, SettingsResolver.Resolve(new EvolinkConfiguration(), none, none, env, null).Options.FallbackBaseUri);
        Assert.Null(SettingsResolver.Resolve(new EvolinkConfiguration(), none, new EvolinkConfiguration().With(Settings.BaseUri, new Uri("https://file.test")), env, null).Options.FallbackBaseUri);
        var bad = new EvolinkConfiguration { Path = "/home/u/config.json" }.With(Settings.BaseUri, new Uri("not a uri", UriKind.RelativeOrAbsolute));
        var error = Assert.Throws<EvolinkException>(() => SettingsResolver.Resolve(new EvolinkConfiguration(), none, bad, env, null));
        Assert.Contains("/home/u/config.json", error.Message);
    }
}
