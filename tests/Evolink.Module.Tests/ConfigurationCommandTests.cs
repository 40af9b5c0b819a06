using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>Set-/Get-EvolinkConfiguration as a user runs them: validated values, the file named when it is wrong, session settings per runspace.</summary>
[Collection(ModuleCollection.Name)]
public sealed class ConfigurationCommandTests : ModuleTest
{
    public ConfigurationCommandTests(ModuleEnvironment env) : base(env) { }

    [Theory]
    [InlineData("not a uri")]
    [InlineData("ftp://files.example.com")]
    [InlineData("/v1/relative")]
    public void A_base_uri_that_is_not_an_absolute_http_uri_is_refused_and_nothing_is_saved(string value)
    {
        var run = Run($"Set-EvolinkConfiguration -BaseUri {Quote(value)}");
        var error = Assert.Single(run.AllErrors);
        Assert.Contains("BaseUri", error.FullyQualifiedErrorId + error.Exception.Message);
        Assert.Contains("https://", error.Exception.Message);
        Assert.False(File.Exists(Env.ConfigurationPath));
    }

    [Fact]
    public void A_bad_base_uri_in_the_saved_file_is_reported_with_the_file_path()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Env.ConfigurationPath)!);
        File.WriteAllText(Env.ConfigurationPath, """{ "baseUri": "not a uri" }""");
        Environment.SetEnvironmentVariable("EVOLINK_BASE_URL", null);
        var run = Run("Invoke-EvolinkChat 'hello'");
        var error = Assert.Single(run.AllErrors);
        Assert.Contains(Env.ConfigurationPath, error.Exception.Message);
        Assert.Contains("not a uri", error.Exception.Message);
    }

    [Fact]
    public void Session_settings_belong_to_one_runspace_and_go_with_Remove_Module()
    {
        Run("Set-EvolinkConfiguration -DefaultModel kimi-k2 -Scope Session").Succeeded();
        Assert.Equal("kimi-k2", Shell.Value("(Get-EvolinkConfiguration -Scope Session).DefaultModel"));
        using (var other = new Shell(Env))
            Assert.Null(other.Value("(Get-EvolinkConfiguration -Scope Session).DefaultModel"));
        Run($"Remove-Module Evolink; Import-Module {Quote(Env.ManifestPath)}").Succeeded();
        Assert.Null(Shell.Value("(Get-EvolinkConfiguration -Scope Session).DefaultModel"));
    }

    [Fact]
    public void A_saved_default_model_is_used_by_later_calls_and_a_session_one_wins_over_it()
    {
        Run("Set-EvolinkConfiguration -DefaultModel gpt-5.2").Succeeded();
        Assert.True(File.Exists(Env.ConfigurationPath));
        Run("Invoke-EvolinkChat 'saved default'").Succeeded();
        Run("Set-EvolinkConfiguration -DefaultModel deepseek-chat -Scope Session; Invoke-EvolinkChat 'session default'").Succeeded();
        Assert.Equal(new[] { "gpt-5.2", "deepseek-chat" }, ChatRequests.Select(r => (string?)r["model"]));
    }
}
