using System;
using System.Security;

namespace Evolink.Commands;

/// <summary>Builds an engine client from the parameters every gateway cmdlet has.</summary>
internal static class ClientParameters
{
    public static (EvolinkClient Client, string KeySource) Create(SecureString? apiKey, Uri? baseUri, bool allowUnencrypted)
    {
        var key = ApiKeyResolver.Resolve(apiKey, Environment.GetEnvironmentVariable);
        var options = new EvolinkClientOptions(key.Key)
        {
            BaseUri = EvolinkClientOptions.ResolveBaseUri(baseUri, Environment.GetEnvironmentVariable),
            FallbackBaseUri = EvolinkClientOptions.FallbackFor(baseUri, Environment.GetEnvironmentVariable),
            AllowUnencryptedAuthentication = allowUnencrypted,
        };
        return (new EvolinkClient(options), key.Source);
    }
}
