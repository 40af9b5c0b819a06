using System.Security;

namespace Evolink.Credentials;

/// <summary>
/// Where keys are kept: SecretManagement in the module, a fake in tests.
/// Failures (module missing, vault locked) are EvolinkExceptions of kind
/// Configuration that say what to do.
/// </summary>
public interface ISecretStore
{
    /// <summary>The secret, or null when the vault has no secret of that name.</summary>
    SecureString? Get(string name, string? vault);

    void Set(string name, string? vault, SecureString value);

    void Remove(string name, string? vault);
}
