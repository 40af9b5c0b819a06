using System.Net;
using System.Security;

namespace Evolink.Credentials;

/// <summary>
/// A proxy's user name and password, the password kept as a SecureString so
/// that showing or serializing the settings that hold it never reveals it.
/// </summary>
public sealed class ProxyLogin
{
    public ProxyLogin(string userName, SecureString password)
    {
        UserName = userName;
        Password = password;
    }

    public string UserName { get; }

    public SecureString Password { get; }

    /// <summary>What the HTTP stack answers a proxy's challenge with.</summary>
    public NetworkCredential ToNetworkCredential() => new(UserName, Password);

    public override string ToString() => UserName;
}
