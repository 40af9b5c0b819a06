using System;
using System.Collections.Generic;
using System.Security;
using Xunit;

namespace Evolink.Tests.Engine;

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

    [Fact]
    public void An_explicit_key_wins_over_a_vault_and_the_environment_and_no_vault_is_asked()
    {
        var secrets = new FakeSecrets { Stored = { [("Evolink", "Work")] = "sk-from-vault" } };

        var key = ApiKeyResolver.Resolve(Gateway.Secure("sk-explicit"), "Evolink", "Work", null, secrets, WithEnvKey);

        Assert.Equal(("sk-explicit", "the -ApiKey parameter"), (key.Key.Reveal(), Evolink.Commands.Advice.Source(key)));
        Assert.Empty(secrets.Asked);
    }

    [Fact]
    public void A_named_secret_wins_over_the_configuration_and_the_environment_and_is_reported_by_source()
    {
        var secrets = new FakeSecrets { Stored = { [("Named", "Work")] = "sk-named", [("Saved", "Home")] = "sk-saved" } };
        var configuration = new EvolinkConfiguration { SecretName = "Saved", Vault = "Home" };

        var key = ApiKeyResolver.Resolve(null, "Named", "Work", configuration, secrets, WithEnvKey);

        Assert.Equal(("sk-named", "vault 'Work' secret 'Named'"), (key.Key.Reveal(), key.Source));
    }

    [Fact]
    public void The_configured_secret_wins_over_the_environment()
    {
        var secrets = new FakeSecrets { Stored = { [("Saved", "Home")] = "sk-saved" } };

        var key = ApiKeyResolver.Resolve(null, null, null, new EvolinkConfiguration { SecretName = "Saved", Vault = "Home" }, secrets, WithEnvKey);

        Assert.Equal("sk-saved", key.Key.Reveal());
        Assert.DoesNotContain("sk-saved", key.Source);
    }

    [Fact]
    public void The_environment_is_used_when_no_key_or_secret_is_named()
    {
        var secrets = new FakeSecrets();

        var key = ApiKeyResolver.Resolve(null, null, null, new EvolinkConfiguration(), secrets, WithEnvKey);

        Assert.Equal(("sk-from-env", "the environment variable EVOLINK_API_KEY"), (key.Key.Reveal(), key.Source));
        Assert.Empty(secrets.Asked);
    }

    [Fact]
    public void A_named_secret_that_does_not_exist_is_an_error_that_says_where_it_was_looked_for()
    {
        var configuration = new EvolinkConfiguration { SecretName = "Gone", Path = "/home/u/.config/evolink/config.json" };

        var error = Assert.Throws<EvolinkException>(() => ApiKeyResolver.Resolve(null, null, null, configuration, new FakeSecrets(), WithEnvKey));

        Assert.Equal(EvolinkErrorKind.Configuration, error.Kind);
        Assert.Contains("secret 'Gone'", error.Message);
        Assert.Contains("/home/u/.config/evolink/config.json", error.Message);
        Assert.Equal(EvolinkRemedy.StoreSecret, error.Remedy);
        Assert.Contains("Set-EvolinkApiKey", Evolink.Commands.Advice.Worded(error).Message);
    }

    [Fact]
    public void With_nothing_anywhere_the_error_names_all_three_ways()
    {
        var error = Assert.Throws<EvolinkException>(() => ApiKeyResolver.Resolve(null, null, null, new EvolinkConfiguration(), new FakeSecrets(), NoEnv));

        Assert.Equal(ApiKeyResolver.MissingKeyMessage, error.Message);
        Assert.Equal(EvolinkRemedy.ProvideApiKey, error.Remedy);
    }
}
