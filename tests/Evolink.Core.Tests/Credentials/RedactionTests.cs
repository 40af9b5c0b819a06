using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;
using Evolink.Chat.Input;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Core.Tests;

/// <summary>
/// A gateway or proxy that echoes the key back, in every shape: the key
/// must reach no message, property, request id or detail of the error.
/// </summary>
public sealed class RedactionTests
{
    private const string Key = "sk-REDACTME-4b9e1c7d2a6f8e30";

    public static IEnumerable<object[]> HostileModels => new[]
    {
        "hostile-echo-400", "hostile-echo-401", "hostile-echo-403", "hostile-echo-429", "hostile-echo-500",
        "hostile-echo-html-502", "hostile-echo-malformed",
    }.Select(m => new object[] { m, false })
     .Concat(new[] { "hostile-echo-stream-event", "hostile-echo-stream-chunk", "hostile-echo-stream-malformed" }.Select(m => new object[] { m, true }));

    [Theory]
    [MemberData(nameof(HostileModels))]
    public async Task An_echoed_key_is_masked_everywhere_in_the_error(string model, bool stream)
    {
        await using var gateway = await FakeGateway.StartAsync(apiKey: Key);
        var said = new List<string>();
        var client = new EvolinkClient(new EvolinkClientOptions(EvolinkApiKey.FromText(Key))
        {
            BaseUri = gateway.BaseUri,
            Retry = new RetryPolicy { MaximumRetryCount = 1, RetryInterval = TimeSpan.FromMilliseconds(1) },
            Log = said.Add,
            LogDebug = said.Add,
        });
        var request = Requests.Prompt(model, "hello");
        var error = await Assert.ThrowsAnyAsync<EvolinkException>(() => stream ? client.StreamAsync(request).ToResponseAsync() : client.CompleteAsync(request));
        var texts = new List<string?> { error.Message, error.ToString(), error.RequestId, error.PartialResponse?.RequestId };
        if (error is EvolinkApiException api)
        {
            texts.AddRange(new[] { api.ErrorCode, api.ErrorType, api.Param, api.GatewayMessage });
            texts.Add(System.Text.Json.JsonSerializer.Serialize(api.Details));
            texts.AddRange(api.Details.Keys);
        }
        texts.AddRange(said.Where(line => !line.StartsWith("POST ", StringComparison.Ordinal) || !line.Contains("Authorization: Bearer ***")));
        Assert.DoesNotContain(texts, text => text is not null && text.Contains("REDACTME"));
        Assert.Contains(texts, text => text is not null && text.Contains("***"));
    }

    [Theory]
    [InlineData("token sk-REDACTME-4b9e1c7d2a6f8e30 end", "token *** end")]
    [InlineData("Authorization: Bearer sk-REDACTME-4b9e1c7d2a6f8e30", "Authorization: Bearer ***")]
    [InlineData("cut short: sk-REDACTME-4b9… and again sk-REDACTME", "cut short: ***… and again ***")]
    [InlineData("sk-REDACT is too short to say which key", "sk-REDACT is too short to say which key")]
    [InlineData("no key here", "no key here")]
    public void The_key_and_any_identifying_start_of_it_become_stars(string text, string expected) =>
        Assert.Equal(expected, new SecretRedactor(Key).Redact(text));

    [Fact]
    public async Task A_key_the_model_echoes_into_a_structured_reply_is_masked_in_the_schema_error()
    {
        await using var gateway = await FakeGateway.StartAsync(apiKey: Key);
        var client = new EvolinkClient(new EvolinkClientOptions(EvolinkApiKey.FromText(Key)) { BaseUri = gateway.BaseUri, Retry = new RetryPolicy { MaximumRetryCount = 0 } });
        // The echo model answers with the prompt: a JSON object whose value is the key, where the schema allows only pass or fail.
        var request = Requests.Prompt("m", $$"""{"verdict":"{{Key}}"}""");
        new ChatOptions { JsonSchema = """{"type":"object","properties":{"verdict":{"enum":["pass","fail"]}}}""" }.ApplyTo(request, p => p);
        var error = await Assert.ThrowsAsync<EvolinkException>(() => client.CompleteAsync(request));
        Assert.Equal(EvolinkErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("verdict", error.Message);
        Assert.DoesNotContain("REDACTME", error.Message);
    }
}
