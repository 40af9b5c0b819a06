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

    [Fact]
    public void Bad_values_in_the_file_are_a_warning_naming_file_and_field_and_the_defaults_apply()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Env.ConfigurationPath)!);
        File.WriteAllText(Env.ConfigurationPath, """{ "maximumRetryCount": 1000000, "retryIntervalSec": 1e308, "timeoutSec": -5 }""");
        var run = Run("Invoke-EvolinkChat 'still works' -Model fake-status-500 -RetryIntervalSec 0");
        var warning = Assert.Single(run.Warnings).Message;
        Assert.Contains(Env.ConfigurationPath, warning);
        Assert.Contains("'maximumRetryCount'", warning);
        Assert.Contains("'retryIntervalSec'", warning);
        Assert.Contains("'timeoutSec'", warning);
        Assert.Single(run.AllErrors);
        Assert.Equal(4, ChatRequests.Length); // the default 3 retries, not a million
    }

    [Fact]
    public void Set_EvolinkConfiguration_leaves_a_file_it_cannot_read_untouched_and_says_so()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Env.ConfigurationPath)!);
        File.WriteAllText(Env.ConfigurationPath, "{ hand-edited, broken");
        var run = Run("Set-EvolinkConfiguration -DefaultModel gpt-5.2");
        var error = Assert.Single(run.AllErrors);
        Assert.Contains("Nothing was saved", error.Exception.Message);
        Assert.Equal("{ hand-edited, broken", File.ReadAllText(Env.ConfigurationPath));
    }

    [Fact]
    public void TimeoutSec_and_MaximumReplySizeMB_limit_a_call_from_a_parameter_or_the_configuration()
    {
        var timed = Run("Invoke-EvolinkChat 'slow' -Model hostile-drip -TimeoutSec 1");
        Assert.StartsWith("EvolinkTimeout", Assert.Single(timed.AllErrors).FullyQualifiedErrorId);
        Assert.True(timed.Elapsed < TimeSpan.FromSeconds(4));
        Run("Set-EvolinkConfiguration -MaximumReplySizeMB 1 -Scope Session").Succeeded();
        var large = Run("Invoke-EvolinkChat 'large' -Model hostile-huge-body");
        var error = Assert.Single(large.AllErrors);
        Assert.StartsWith("EvolinkInvalidResponse", error.FullyQualifiedErrorId);
        Assert.Contains("-MaximumReplySizeMB", error.Exception.Message);
    }

    [Theory]
    [InlineData("-TimeoutSec 2000001")]
    [InlineData("-MaximumReplySizeMB 0")]
    [InlineData("-MaximumRetryCount 11")]
    [InlineData("-RetryIntervalSec -1")]
    public void Out_of_range_values_are_refused_by_the_parameters_and_not_saved(string parameter)
    {
        var run = Run($"Set-EvolinkConfiguration {parameter}");
        Assert.Contains("ParameterArgumentValidationError", Assert.Single(run.AllErrors).FullyQualifiedErrorId);
        Assert.False(File.Exists(Env.ConfigurationPath));
    }

    [Fact]
    public void A_hand_edited_file_is_read_whatever_the_case_of_its_names_and_an_unknown_name_is_warned_about_with_the_one_meant()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Env.ConfigurationPath)!);
        File.WriteAllText(Env.ConfigurationPath, """{ "DefaultModel": "gpt-5.2", "defualtModel": "x", "MAXIMUMRETRYCOUNT": 1 }""");

        var run = Run("$c = Get-EvolinkConfiguration; $c.DefaultModel; $c.MaximumRetryCount");

        Assert.Equal(new object?[] { "gpt-5.2", 1 }, run.Values);
        var warning = Assert.Single(run.Warnings);
        Assert.Contains("'defualtModel' is not a setting; did you mean 'defaultModel'?", warning.Message);
        Run("Invoke-EvolinkChat 'which model?'").Succeeded();
        Assert.Equal("gpt-5.2", (string)ChatRequests.Last()["model"]!);
    }

    [Fact]
    public void Setting_nothing_says_so_and_writes_no_file()
    {
        var run = Run("Set-EvolinkConfiguration; Set-EvolinkConfiguration -Scope Session -PassThru").Succeeded();

        Assert.Equal(2, run.Warnings.Count);
        Assert.All(run.Warnings, w => Assert.StartsWith("Nothing to set", w.Message));
        Assert.Empty(run.Output);
        Assert.False(File.Exists(Env.ConfigurationPath));
    }

    [Fact]
    public void Saving_settings_and_history_leaves_no_lock_file_beside_them_and_caches_go_to_the_cache_folder()
    {
        Run("""
            Set-EvolinkConfiguration -DefaultModel gpt-5.2 -History
            Invoke-EvolinkChat 'kept' | Out-Null
            $null = TabExpansion2 'Invoke-EvolinkChat -Model gp' 28
            """).Succeeded();

        Assert.Equal(new[] { "config.json" }, Directory.GetFiles(Path.GetDirectoryName(Env.ConfigurationPath)!).Select(Path.GetFileName));
        Assert.Equal(new[] { "history.jsonl" }, Directory.GetFiles(Path.GetDirectoryName(Env.HistoryPath)!).Select(Path.GetFileName));
        var cached = Directory.GetFiles(Env.CacheFolder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Env.CacheFolder, f)).ToList();
        Assert.Contains(cached, f => f.StartsWith("evolink/locks/config.json-", StringComparison.Ordinal));
        Assert.Contains(cached, f => f.StartsWith("evolink/locks/history.jsonl-", StringComparison.Ordinal));
        Assert.Contains(cached, f => f.StartsWith("evolink/models-", StringComparison.Ordinal));
    }
}
