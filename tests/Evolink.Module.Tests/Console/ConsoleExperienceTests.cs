using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>What an expert notices at a console: reasoning, usage, the configuration in effect, compact chunks, each message said once.</summary>
[Collection(ModuleCollection.Name)]
public sealed class ConsoleExperienceTests : ModuleTest
{
    public ConsoleExperienceTests(ModuleEnvironment env) : base(env) { }

    [Theory]
    [InlineData("fake-reasoning", "")]
    [InlineData("fake-reasoning", "-Stream")]
    [InlineData("fake-think-tags", "")]
    [InlineData("fake-think-tags", "-Stream")]
    public void Reasoning_from_either_source_is_a_property_and_never_the_text(string model, string stream)
    {
        var run = Run($"$r = Invoke-EvolinkChat 'why blue' -Model {model} {stream}; $r.Text; $r.Reasoning; \"$r\"").Succeeded();
        Assert.Equal(new object[] { "why blue", "Thinking about: why blue", "why blue" }, run.Values);
        Assert.DoesNotContain("Thinking about", run.Screen);
    }

    [Theory]
    [InlineData("fake-reasoning")]
    [InlineData("fake-think-tags")]
    public void ShowReasoning_shows_it_dimmed_on_the_host_live_with_Stream(string model)
    {
        var run = RunAtConsole($"Invoke-EvolinkChat 'why blue' -Model {model} -Stream -ShowReasoning").Succeeded();
        var dimmed = string.Concat(run.HostWrites.Where(w => w.Foreground == ConsoleColor.DarkGray).Select(w => w.Text));
        Assert.Contains("Thinking about: why blue", dimmed);
        var plain = string.Concat(run.HostWrites.Where(w => w.Kind == HostWriteKind.Text && w.Foreground is null).Select(w => w.Text));
        Assert.StartsWith("why blue", plain);
        Assert.DoesNotContain("Thinking", plain);
    }

    [Fact]
    public void The_summary_names_the_answering_model_and_readable_usage_in_plain_ASCII()
    {
        var screen = RunAtConsole("Invoke-EvolinkChat 'pick for me' -Model evolink/auto -Stream").Succeeded().Screen;
        var summary = screen.TrimEnd().Split('\n').Last();
        Assert.Contains("evolink/auto -> gemini-2.5-flash", summary);
        Assert.Matches(@"\d+ prompt \+ \d+ completion = \d+ tokens", summary);
        Assert.All(summary, c => Assert.True(c < 128, $"'{c}' may not render on Windows PowerShell 5.1"));
        var usage = (string)Shell.Value("(Invoke-EvolinkChat 'why' -Model fake-reasoning).Usage.ToString()")!;
        Assert.Matches(@"\(\d+ reasoning\)", usage);
        Assert.Contains("cost 0.0012", (string)Shell.Value("(Invoke-EvolinkChat 'priced' -Model fake-extra-fields).Usage.ToString()")!);
    }

    [Fact]
    public void Get_EvolinkUsage_adds_up_this_runspace_s_calls_by_model_and_starts_empty_elsewhere()
    {
        Run("'a b', 'c d e' | Invoke-EvolinkChat -Model gpt-5.2 | Out-Null; Invoke-EvolinkChat 'x' -Model kimi-k2 -Stream | Out-Null").Succeeded();
        var run = Run("Get-EvolinkUsage | ForEach-Object { '{0}:{1}:{2}' -f $_.Model, $_.Requests, ($_.TotalTokens -gt 0) }").Succeeded();
        Assert.Equal(new object[] { "gpt-5.2:2:True", "kimi-k2:1:True" }, run.Values);
        Assert.Contains("Requests", RunAtConsole("Get-EvolinkUsage").Succeeded().Screen);
        using (var other = new Shell(Env))
            Assert.Empty(other.Run("Get-EvolinkUsage").Succeeded().Output);
        Run($"Remove-Module Evolink; Import-Module {Quote(Env.ManifestPath)}").Succeeded();
        Assert.Empty(Run("Get-EvolinkUsage").Succeeded().Output);
    }

    [Fact]
    public void Get_EvolinkConfiguration_shows_every_value_in_effect_and_where_it_comes_from()
    {
        Run("Set-EvolinkConfiguration -MaximumRetryCount 5; Set-EvolinkConfiguration -DefaultModel kimi-k2 -Scope Session").Succeeded();
        var screen = RunAtConsole("Get-EvolinkConfiguration").Succeeded().Screen;
        Assert.Matches(@"DefaultModel\s+: kimi-k2  \(session\)", screen);
        Assert.Matches(@"MaximumRetryCount\s+: 5  \(file\)", screen);
        Assert.Matches(@"TimeoutSec\s+: 600  \(default\)", screen);
        Assert.Matches(@"BaseUri\s+: http://127\.0\.0\.1:\d+/  \(environment \(EVOLINK_BASE_URL\)\)", screen);
        Assert.Matches(@"ApiKey\s+: environment \(EVOLINK_API_KEY\)", screen);
        Assert.DoesNotContain(Env.Key, screen);
        Assert.Equal("kimi-k2", Shell.Value("(Get-EvolinkConfiguration).DefaultModel"));
    }

    [Fact]
    public void Chunks_at_the_console_are_one_short_row_each_with_no_blank_rows()
    {
        var screen = RunAtConsole("Invoke-EvolinkChat 'one two' -AsChunk").Succeeded().Screen;
        var rows = screen.Split('\n').Select(l => l.TrimEnd()).SkipWhile(l => l.Length == 0).ToList();
        var body = rows.Skip(2).TakeWhile(l => l.Length > 0).ToList();
        Assert.Matches(@"^Part\s+Text$", rows[0]);
        Assert.All(body, row => Assert.Matches(@"^(text|finish|usage|start|reasoning|tool call)\s+\S", row));
        Assert.Contains(body, row => row.StartsWith("finish") && row.EndsWith("stop"));
    }

    [Fact]
    public void Each_error_says_each_thing_once_and_a_long_Retry_After_says_how_long()
    {
        var forbidden = Run("Invoke-EvolinkChat 'x' -Model fake-status-403").AllErrors.Single().Exception.Message;
        Assert.Equal(1, forbidden.Split("may not use this model").Length - 1);
        var limited = Run("Invoke-EvolinkChat 'x' -Model fake-status-429 -MaximumRetryCount 0").AllErrors.Single().Exception.Message;
        Assert.Equal(1, limited.Split("oo many requests", StringSplitOptions.None).Length - 1);
        var patient = Run("Invoke-EvolinkChat 'x' -Model fake-429-long").AllErrors.Single().Exception.Message;
        Assert.Contains("asked to wait 3600 s", patient);
    }

    [Fact]
    public void Set_EvolinkApiKey_checks_the_vault_before_asking_for_the_key()
    {
        var run = Run("Set-EvolinkApiKey -Vault NoSuchVault");
        Assert.Empty(run.Prompts);
        Assert.Contains("no SecretManagement vault named 'NoSuchVault'", Assert.Single(run.AllErrors).Exception.Message);
    }

    [Fact]
    public void New_EvolinkTool_flashes_no_progress_and_says_when_a_command_has_no_help()
    {
        var run = Run("""
            function global:Get-Bare { param([string] $Name) $Name }
            $t = New-EvolinkTool (Get-Command Get-Bare)
            $t = New-EvolinkTool (Get-Command Get-Uptime)
            """).Succeeded();
        Assert.DoesNotContain(run.HostWrites, w => w.Kind == HostWriteKind.Progress);
        Assert.Contains(run.Warnings, w => w.Message.Contains("'Get-Bare' has no help") && w.Message.Contains("-Description"));
    }

    [Fact]
    public void ShowReasoning_without_Stream_shows_it_dimmed_before_the_answer()
    {
        var run = RunAtConsole("Invoke-EvolinkChat 'why blue' -Model fake-think-tags -ShowReasoning").Succeeded();
        var dimmed = string.Concat(run.HostWrites.Where(w => w.Foreground == ConsoleColor.DarkGray).Select(w => w.Text));
        Assert.Contains("Thinking about: why blue", dimmed);
        Assert.EndsWith("why blue", run.Screen.TrimEnd());
    }

    [Fact]
    public void The_saved_configuration_alone_shows_its_values_without_sources()
    {
        Run("Set-EvolinkConfiguration -DefaultModel gpt-5.2").Succeeded();
        var screen = RunAtConsole("Get-EvolinkConfiguration -Scope User").Succeeded().Screen;
        Assert.Matches(@"DefaultModel\s+: gpt-5\.2\s*\n", screen);
        Assert.DoesNotContain("(default)", screen);
    }
}
