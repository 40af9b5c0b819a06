using System;
using System.Linq;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>For every source of the gateway's address and of the key, a command and the -Model completer reach the same gateway with the same key.</summary>
[Collection(ModuleCollection.Name)]
public sealed class SettingsSourceTests : ModuleTest
{
    public SettingsSourceTests(ModuleEnvironment env) : base(env) { }

    [Theory]
    [InlineData("typed")]
    [InlineData("session")]
    [InlineData("environment")]
    [InlineData("file")]
    public async Task A_command_and_completion_ask_the_same_gateway(string source)
    {
        await using var chosen = await FakeGateway.StartAsync(apiKey: "sk-chosen-gateway-key-01");
        Environment.SetEnvironmentVariable("EVOLINK_BASE_URL", source == "environment" ? chosen.BaseUri.ToString() : null);
        Environment.SetEnvironmentVariable("EVOLINK_API_KEY", "sk-chosen-gateway-key-01");
        if (source == "session")
            Run($"Set-EvolinkConfiguration -BaseUri {chosen.BaseUri} -Scope Session").Succeeded();
        if (source == "file")
            Run($"Set-EvolinkConfiguration -BaseUri {chosen.BaseUri}").Succeeded();
        var typed = source == "typed" ? $" -BaseUri {chosen.BaseUri}" : string.Empty;
        var defaultBefore = Env.Gateway.Requests.Count;

        Run($"Invoke-EvolinkChat 'which gateway?'{typed}").Succeeded();
        var line = $"Invoke-EvolinkChat 'q'{typed} -Model gem";
        var completions = Run($"[System.Management.Automation.CommandCompletion]::CompleteInput({Quote(line)}, {line.Length}, $null).CompletionMatches.CompletionText").Succeeded();

        Assert.Contains("gemini-2.5-flash", completions.Values);
        Assert.Single(chosen.ChatRequests);
        Assert.Contains(chosen.Requests, r => r.Path == "/v1/models" && r.Header("Authorization") == "Bearer sk-chosen-gateway-key-01");
        Assert.Equal(defaultBefore, Env.Gateway.Requests.Count);
    }
}
