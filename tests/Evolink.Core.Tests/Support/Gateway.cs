using System;
using System.Security;
using System.Threading.Tasks;
using FakeEvolink;
using Evolink.Configuration;
using Evolink.Credentials;

namespace Evolink.Core.Tests;

/// <summary>Starts a fake gateway for one test and makes clients for it.</summary>
internal static class Gateway
{
    public static Task<FakeGateway> StartAsync() => FakeGateway.StartAsync();

    public static EvolinkClient Client(FakeGateway gateway, Action<EvolinkClientOptions>? configure = null)
    {
        // No retries unless a test asks for them: most tests assert on exactly one request.
        var options = new EvolinkClientOptions(EvolinkApiKey.FromText(gateway.ApiKey))
        {
            BaseUri = gateway.BaseUri,
            Retry = new RetryPolicy() { MaximumRetryCount = 0, RetryInterval = TimeSpan.FromMilliseconds(10) },
        };
        configure?.Invoke(options);
        return new EvolinkClient(options);
    }

    public static SecureString Secure(string text) => new System.Net.NetworkCredential(string.Empty, text).SecurePassword;
}
