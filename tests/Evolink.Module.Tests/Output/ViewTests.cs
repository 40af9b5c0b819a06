using System;
using System.Linq;
using Evolink.Testing;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>What each output type looks like at a console: the format views, rendered by Out-Default into the host.</summary>
[Collection(ModuleCollection.Name)]
public sealed class ViewTests : ModuleTest
{
    public ViewTests(ModuleEnvironment env) : base(env) { }

    [Fact]
    public void A_response_shows_its_text_not_a_property_table()
    {
        var screen = RunAtConsole("Invoke-EvolinkChat 'Explain DNS in two sentences'").Succeeded().Screen;
        Assert.Equal("Explain DNS in two sentences", screen.Trim());
    }

    [Fact]
    public void A_streamed_response_shows_its_text_once_then_a_summary_line()
    {
        var screen = RunAtConsole("Invoke-EvolinkChat 'words that stream in' -Stream").Succeeded().Screen;
        Assert.Equal(1, screen.Split("words that stream in").Length - 1);
        var summary = screen.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Last();
        Assert.Contains("gemini-2.5-flash", summary);
        Assert.Contains("req-fake-", summary);
    }

    [Fact]
    public void Models_show_as_a_table_of_ids_owners_and_the_day_they_were_added()
    {
        var lines = RunAtConsole("Get-EvolinkModel gpt*, kimi*").Succeeded().Screen.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Matches("^Id +OwnedBy +Created$", lines[0]);
        Assert.Matches("^gpt-5.2 +evolink +2025-10-09$", lines[2]);
        Assert.Matches("^kimi-k2 +evolink +2025-10-09$", lines[3]);
        Assert.IsType<DateTimeOffset>(Shell.Value("(Get-EvolinkModel kimi*).Created"));
    }

    [Fact]
    public void Nested_values_read_as_what_they_say_not_as_type_names()
    {
        System.IO.File.WriteAllBytes(System.IO.Path.Combine(Env.WorkFolder, "shot.png"), Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="));
        var screen = RunAtConsole("""
            $r = Invoke-EvolinkChat '{"title":"x"}' -Model fake-tool-caller -Tools (New-EvolinkTool -Name Open-Ticket -Schema @{ type = 'object' })
            $r.Choices[0].Message | Format-List ToolCalls
            $r.Usage | Format-List *
            New-EvolinkMessage 'look' -Image ./shot.png | Format-Table
            """).Succeeded().Screen;

        Assert.DoesNotContain("Evolink.", screen);
        Assert.Contains("ToolCalls : {Open-Ticket {\"title\":\"x\"}}", screen);
        Assert.Matches(@"user\s+look \[image image/png, \d+ bytes\]", screen);
    }

    [Fact]
    public void The_balance_shows_as_one_row_with_available_first()
    {
        var screen = RunAtConsole("Get-EvolinkCredit").Succeeded().Screen;
        Assert.Matches(@"Available +KeyRemaining", screen);
        Assert.Matches(@"\b50\b", screen);
    }

    [Fact]
    public void Messages_show_as_role_and_content()
    {
        var screen = RunAtConsole("New-EvolinkMessage -Role system -Content 'Be brief.'; New-EvolinkMessage 'Hello'").Succeeded().Screen;
        Assert.Matches(@"Role +Content", screen);
        Assert.Matches(@"system +Be brief\.", screen);
        Assert.Matches(@"user +Hello", screen);
    }

    [Fact]
    public void Chunks_show_as_rows_with_their_text()
    {
        var screen = RunAtConsole("Invoke-EvolinkChat 'one two' -AsChunk").Succeeded().Screen;
        Assert.Matches(@"Part +Text", screen);
        Assert.Contains("one", screen);
        Assert.Contains("stop", screen);
    }

    [Fact]
    public void Every_output_type_renders_under_strict_mode_without_errors()
    {
        var run = RunAtConsole("""
            Set-StrictMode -Version Latest
            $r = Invoke-EvolinkChat 'strict'
            $r
            Invoke-EvolinkChat 'strict stream' -Stream
            Invoke-EvolinkChat 'strict chunks' -AsChunk
            Get-EvolinkModel gpt*
            Get-EvolinkCredit
            New-EvolinkMessage 'strict message'
            Get-EvolinkConfiguration
            $r | Export-EvolinkConversation ./strict.json
            Import-EvolinkConversation ./strict.json
            $r.Usage
            """);
        Assert.Null(run.Terminating);
        Assert.DoesNotContain(run.HostWrites, w => w.Kind == HostWriteKind.Error);
        Assert.Contains("strict stream", run.Screen);
    }

    [Fact]
    public void Every_view_renders_every_item_without_a_script_error()
    {
        // An error in a view's script block leaves its cell empty without a word; -DisplayError shows it as #ERR.
        Shell.Run("$misbehaving = " + Quote(RepositoryPaths.File("tests", "Evolink.Core.Tests", "Mcp", "misbehaving-server.js"))).Succeeded();
        System.IO.File.WriteAllBytes(System.IO.Path.Combine(Env.WorkFolder, "sample.png"), Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="));
        var problems = Run("""
            Set-EvolinkConfiguration -History -Scope Session
            $samples = @(
                Invoke-EvolinkChat 'a sample reply' -Model fake-reasoning
                Invoke-EvolinkChat 'chunks' -AsChunk
                (Invoke-EvolinkChat 'messages').Conversation.Messages
                Get-EvolinkModel gpt*
                Get-EvolinkCredit
                Get-EvolinkUsage
                Test-EvolinkConnection
                Get-EvolinkHistory
                Get-EvolinkConfiguration
                Register-EvolinkMcpServer local node -ArgumentList 'server.js' -PassThru
                Register-EvolinkMcpServer remote -Url https://mcp.example.com/mcp -PassThru
                Get-EvolinkMcpTool @{ Name = 'bad'; Command = 'node'; Arguments = $misbehaving, 'hostile' }
                New-EvolinkImage 'a sample image' -PollIntervalSec 0.05
                New-EvolinkImage 'a sample task' -NoWait
                Send-EvolinkFile ./sample.png
            )
            foreach ($data in Get-FormatData -TypeName 'Evolink.*' -PowerShellVersion $PSVersionTable.PSVersion) {
                $items = @($samples | Where-Object { $_.PSObject.TypeNames -contains $data.TypeNames[0] })
                if ($items.Count -eq 0) { "no sample of $($data.TypeNames[0])"; continue }
                foreach ($view in $data.FormatViewDefinition) {
                    $shown = switch ($view.Control.GetType().Name) {
                        'TableControl' { $items | Format-Table -View $view.Name -DisplayError | Out-String -Width 200 }
                        'ListControl' { $items | Format-List -View $view.Name -DisplayError | Out-String -Width 200 }
                        'CustomControl' { $items | Format-Custom -View $view.Name -DisplayError | Out-String -Width 200 }
                    }
                    if ($shown -match '#ERR') { "$($view.Name): $shown" }
                }
            }
            """).Succeeded().Values;

        Assert.Empty(problems);
    }

    [Fact]
    public void A_server_s_tool_description_is_shown_on_one_line_and_cannot_drive_the_terminal()
    {
        var misbehaving = RepositoryPaths.File("tests", "Evolink.Core.Tests", "Mcp", "misbehaving-server.js");

        var screen = RunAtConsole($"Get-EvolinkMcpTool @{{ Name = 'bad'; Command = 'node'; Arguments = {Quote(misbehaving)}, 'hostile' }}").Succeeded().Screen;

        Assert.Matches(@"OfferedAs +Offered +Description", screen);
        Assert.Contains("bad__work", screen);
        Assert.Contains("Does\u241B[2J\u241B]0;PWNED", screen);
        var raw = string.Concat(Shell.UI.Writes.Select(w => w.Text));
        // Ordinal: a culture-aware search (xunit's default for strings) ignores control characters.
        Assert.False(raw.Contains("\u001b[2J", StringComparison.Ordinal), raw);
        Assert.False(raw.Contains("\u001b]0;", StringComparison.Ordinal), raw);
        Assert.False(raw.Contains('\u0007'), raw);
    }
}
