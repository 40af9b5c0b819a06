using System;
using System.Collections.Generic;
using System.Security;
using Xunit;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Core.Tests;

public sealed class CredentialResolutionTests
{
    private sealed class FakeSecrets : ISecretStore
    {
        public Dictionary<(string, string?), string> Stored { get; } = new();
        public List<(string, string?)> Asked { get; } = new();

        public SecureString? Get(string name, string? vault)
        {
            Asked.Add((name, vault));
            return Stored.TryGetValue((name, vault), out var value) ? Gateway.Secure(value) : null;
        }

        public void Set(string name, string? vault, SecureString value) => throw new NotSupportedException();
        public void Remove(string name, string? vault) => throw new NotSupportedException();
    }

    private static readonly Func<string, string?> WithEnvKey = name => name == "EVOLINK_API_KEY" ? "sk-from-env" : null;
    private static readonly Func<string, string?> NoEnv = _ => null;

    /// <summary>The key a command resolves: what it was given (a key, a secret and vault), then the saved configuration, then the environment.</summary>
    private static ResolvedApiKey Key(System.Security.SecureString? given, string? secretName, string? vault, EvolinkConfiguration? saved,
        ISecretStore secrets, Func<string, string?> environment)
    {
        var typed = new EvolinkConfiguration().With(Settings.ApiKey, given).With(Settings.SecretName, secretName).With(Settings.Vault, vault);
        return SettingsResolver.Resolve(typed, new EvolinkConfiguration(), saved ?? new EvolinkConfiguration(), environment, secrets).Key;
    }

    [Fact]
    public void An_explicit_key_wins_over_a_vault_and_the_environment_and_no_vault_is_asked()
    {
        var secrets = new FakeSecrets { Stored = { [("Evolink", "Work")] = "sk-from-vault" } };

        var key = Key(Gateway.Secure("sk-explicit"), "Evolink", "Work", null, secrets, WithEnvKey);

        Assert.Equal(("sk-explicit", KeyOrigin.Given), (key.Key.Reveal(), key.Origin));
        Assert.Empty(secrets.Asked);
    }

    [Fact]
    public void A_named_secret_wins_over_the_configuration_and_the_environment_and_is_reported_by_source()
    {
        var secrets = new FakeSecrets { Stored = { [("Named", "Work")] = "sk-named", [("Saved", "Home")] = "sk-saved" } };
        var configuration = new EvolinkConfiguration().With(Settings.SecretName, "Saved").With(Settings.Vault, "Home");

        var key = Key(null, "Named", "Work", configuration, secrets, WithEnvKey);

        Assert.Equal(("sk-named", "vault 'Work' secret 'Named'"), (key.Key.Reveal(), key.Source));
    }

    [Fact]
    public void The_configured_secret_wins_over_the_environment()
    {
        var secrets = new FakeSecrets { Stored = { [("Saved", "Home")] = "sk-saved" } };

        var key = Key(null, null, null, new EvolinkConfiguration().With(Settings.SecretName, "Saved").With(Settings.Vault, "Home"), secrets, WithEnvKey);

        Assert.Equal("sk-saved", key.Key.Reveal());
        Assert.DoesNotContain("sk-saved", key.Source);
    }

    [Fact]
    public void The_environment_is_used_when_no_key_or_secret_is_named()
    {
        var secrets = new FakeSecrets();

        var key = Key(null, null, null, new EvolinkConfiguration(), secrets, WithEnvKey);

        Assert.Equal(("sk-from-env", "the environment variable EVOLINK_API_KEY"), (key.Key.Reveal(), key.Source));
        Assert.Empty(secrets.Asked);
    }

    [Fact]
    public void A_named_secret_that_does_not_exist_is_an_error_that_says_where_it_was_looked_for()
    {
        var configuration = new EvolinkConfiguration { Path = "/home/u/.config/evolink/config.json" }.With(Settings.SecretName, "Gone");

        var error = Assert.Throws<EvolinkException>(() => Key(null, null, null, configuration, new FakeSecrets(), WithEnvKey));

        Assert.Equal(EvolinkErrorKind.Configuration, error.Kind);
        Assert.Contains("secret 'Gone'", error.Message);
        Assert.Contains("/home/u/.config/evolink/config.json", error.Message);
        Assert.Equal(EvolinkRemedy.StoreSecret, error.Remedy);
    }

    [Fact]
    public void With_nothing_anywhere_the_error_names_all_three_ways()
    {
        var error = Assert.Throws<EvolinkException>(() => Key(null, null, null, new EvolinkConfiguration(), new FakeSecrets(), NoEnv));

        Assert.Equal(ApiKeyResolver.MissingKeyMessage, error.Message);
        Assert.Equal(EvolinkRemedy.ProvideApiKey, error.Remedy);
    }
}
