using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>Add-EvolinkProperty as a script meets it: objects in, the same objects out with typed properties the model filled.</summary>
[Collection(ModuleCollection.Name)]
public sealed class AddPropertyTests : ModuleTest
{
    public AddPropertyTests(ModuleEnvironment env) : base(env) { }

    private const string Tickets = """
        $tickets = @'
        Title,Body
        VPN drops,The network VPN drops every hour
        Fan noise,Laptop hardware fan is loud
        Share,Need access to the finance share urgent
        '@ | ConvertFrom-Csv
        """;

    private const string Declared = "@{ Category = 'network', 'hardware', 'access', 'other'; Urgency = [int]; Summary = 'one sentence a manager understands'; Escalate = [bool]; Seen = [datetime] }";

    private static object? Get(PSObject o, string name) => o.Properties[name]?.Value is PSObject p ? p.BaseObject : o.Properties[name]?.Value;

    private static JsonArray RowsSent(JsonObject request) => JsonNode.Parse((string)request["messages"]![1]!["content"]!)!.AsArray();

    [Fact]
    public void Piped_objects_come_back_themselves_in_order_with_typed_properties_from_one_request()
    {
        var run = Run(Tickets + $"\n$out = $tickets | Add-EvolinkProperty {Declared} -Instructions 'Classify IT support tickets.' -InputProperty Title, Body\n" +
            "$out; [object]::ReferenceEquals($out[0], $tickets[0]); $tickets[2].Category").Succeeded();

        var objects = run.Output.Take(3).ToArray();
        Assert.Equal(new[] { "VPN drops", "Fan noise", "Share" }, objects.Select(o => Get(o, "Title")));
        Assert.Equal(new[] { "network", "hardware", "access" }, objects.Select(o => Get(o, "Category")));
        Assert.IsType<int>(Get(objects[0], "Urgency"));
        Assert.IsType<DateTime>(Get(objects[0], "Seen"));
        Assert.Equal(new object[] { false, false, true }, objects.Select(o => Get(o, "Escalate")));
        // The object itself, not a copy: the caller's variable sees the new properties too.
        Assert.Equal(true, run.Values[3]);
        Assert.Equal("access", run.Values[4]);
        var request = Assert.Single(ChatRequests);
        Assert.Equal(new[] { "Body", "Title", "_row" }, RowsSent(request)[0]!.AsObject().Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal));
        Assert.StartsWith("Classify IT support tickets.", (string)request["messages"]![0]!["content"]!);
    }

    [Fact]
    public void Batch_size_sets_the_objects_per_request_and_a_throttled_run_keeps_input_order_unless_unordered()
    {
        Env.Gateway.Scenarios.Add("fill-slow-first", async call =>
        {
            if (call.LastUserText.Contains("\"Value\":1,") || call.LastUserText.Contains("\"Value\":1}"))
                await Task.Delay(400);
            await Scenarios.ReplyAsync(call, FillModel.Answer(call), StreamPlan.Default);
        });
        var ordered = Run("1..10 | Add-EvolinkProperty @{ Kind = 'odd', 'even' } -BatchSize 3 -ThrottleLimit 4 -Model fill-slow-first | ForEach-Object Value").Succeeded();
        Assert.Equal(Enumerable.Range(1, 10).Cast<object>(), ordered.Values);
        Assert.Equal(new[] { 3, 3, 3, 1 }, ChatRequests.Select(r => RowsSent(r).Count).OrderByDescending(c => c));

        var unordered = Run("1..10 | Add-EvolinkProperty @{ Kind = 'odd', 'even' } -BatchSize 3 -ThrottleLimit 4 -Unordered -Model fill-slow-first | ForEach-Object Value").Succeeded();
        Assert.Equal(Enumerable.Range(1, 10).Cast<object>(), unordered.Values.OrderBy(v => (int)v!));
        Assert.NotEqual(1, unordered.Values[0]);
    }

    [Fact]
    public void Every_input_ends_as_one_object_or_one_error_record_naming_its_position()
    {
        var run = Run("$big = 'x' * 20000; 'network a', $null, 'b [skip]', $big, 'c [skip-once]', 'hardware d' | " +
            "Add-EvolinkProperty @{ Kind = 'network', 'hardware', 'other' } -ErrorVariable failed -ErrorAction SilentlyContinue | ForEach-Object { \"$($_.Value)=$($_.Kind)\" }; " +
            "$failed | ForEach-Object { \"$($_.FullyQualifiedErrorId.Split(',')[0]) $($_.ErrorDetails.Message)\" }");

        var lines = run.Values.Cast<string>().ToArray();
        Assert.Equal(new[] { "network a=network", "c [skip-once]=other", "hardware d=hardware" }, lines.Take(3));
        var errors = lines.Skip(3).ToArray();
        Assert.Equal(3, errors.Length);
        Assert.StartsWith("EvolinkInvalidInput Input 2: The input is $null", errors[0]);
        Assert.StartsWith("EvolinkPropertyNotFilled Input 3: The model did not fill the declared properties (the reply left it out; asked 3 times)", errors[1]);
        Assert.StartsWith("EvolinkInvalidInput Input 4: Input 4 is 20,012 characters as JSON", errors[2]);
        Assert.Contains("-InputProperty", errors[2]);
    }

    [Fact]
    public void A_property_the_object_has_already_stops_the_run_before_anything_is_sent_unless_force()
    {
        var refused = Run(Tickets + "\n$tickets | Add-EvolinkProperty @{ Title = 'a better title'; Urgency = [int] }");
        var error = Assert.Single(refused.AllErrors);
        Assert.StartsWith("EvolinkInvalidInput", error.FullyQualifiedErrorId);
        Assert.Contains("Input 1 already has a property 'Title'. Give -Force", error.ErrorDetails?.Message ?? error.Exception.Message);
        Assert.Empty(ChatRequests);

        var forced = Run(Tickets + "\n($tickets | Add-EvolinkProperty @{ Title = 'a better title' } -Force).Title").Succeeded();
        Assert.All(forced.Values, v => Assert.StartsWith("About: ", (string)v!));
        // A .NET property is shadowed, not lost: the object keeps its type.
        var shadowed = Run("$d = [IO.DirectoryInfo]::new('/tmp'); $o = $d | Add-EvolinkProperty @{ Name = 'a name' } -Force; $o.Name; [IO.DirectoryInfo].GetProperty('Name').GetValue($d); $o -is [IO.DirectoryInfo]").Succeeded();
        Assert.StartsWith("About: ", (string)shadowed.Values[0]!);
        Assert.Equal("tmp", shadowed.Values[1]);
        Assert.Equal(true, shadowed.Values[2]);
    }

    [Fact]
    public void A_schema_fragment_that_cannot_be_checked_stops_the_run_before_any_input_is_read()
    {
        // 'item' is not a JSON Schema keyword ('items' is): ignored, it would let any array through unchecked.
        var refused = Run(Tickets + "\n$tickets | Add-EvolinkProperty @{ Tags = @{ type = 'array'; item = @{ type = 'string' } } }");

        var error = Assert.Single(refused.AllErrors);
        Assert.StartsWith("EvolinkInvalidInput", error.FullyQualifiedErrorId);
        Assert.Contains("item", error.Exception.Message);
        Assert.Empty(ChatRequests);
    }

    [Fact]
    public void WhatIf_sends_nothing_outputs_nothing_and_creates_no_journal()
    {
        var run = RunAtConsole("1..3 | Add-EvolinkProperty @{ Kind = 'a', 'b' } -WhatIf -Journal ./whatif.jsonl").Succeeded();
        Assert.Contains("What if: Performing the operation \"Fill properties Kind\" on target \"input 2: {\"Value\":2}\"", run.Screen);
        Assert.Empty(ChatRequests);
        Assert.False(File.Exists(Path.Combine(Env.WorkFolder, "whatif.jsonl")));
    }

    [Theory]
    [InlineData("@{ Owner = [hashtable] }", "-Property 'Owner' is declared as [Hashtable], which the model cannot fill")]
    [InlineData("@{ Owner = $null }", "-Property 'Owner' is declared as $null")]
    [InlineData("@{ 'Has Space' = [int] }", "'Has Space' cannot be a filled property's name")]
    [InlineData("@{ Owner = [int] } -Required Ownr", "-Required names 'Ownr', which -Property does not declare")]
    public void A_declaration_the_model_cannot_fill_stops_before_any_input_is_read(string declaration, string message)
    {
        var run = Run($"1..3 | Add-EvolinkProperty {declaration}");
        var error = Assert.Single(run.AllErrors);
        Assert.Contains(message, error.ErrorDetails?.Message ?? error.Exception.Message);
        Assert.Empty(run.Output);
        Assert.Empty(ChatRequests);
    }

    [Fact]
    public void Declarations_are_sent_in_sorted_order_from_a_hashtable_and_as_written_from_an_ordered_one_with_required_and_fragments()
    {
        Run("'x' | Add-EvolinkProperty @{ Zeta = [int]; Alpha = [string]; Mid = [double] } -Required Z* | Out-Null").Succeeded();
        Run("'x' | Add-EvolinkProperty ([ordered]@{ Zeta = [int]; Tags = @{ type = 'array'; items = @{ type = 'string' } } }) | Out-Null").Succeeded();

        var first = ChatRequests[0]["response_format"]!["json_schema"]!;
        var items = first["schema"]!["properties"]!["rows"]!["items"]!;
        Assert.Equal(new[] { "_row", "Alpha", "Mid", "Zeta" }, items["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("\"integer\"", items["properties"]!["Zeta"]!["type"]!.ToJsonString());
        Assert.Equal("[\"string\",\"null\"]", items["properties"]!["Alpha"]!["type"]!.ToJsonString());
        Assert.True((bool)first["strict"]!);
        var second = ChatRequests[1]["response_format"]!["json_schema"]!;
        Assert.Equal(new[] { "_row", "Zeta", "Tags" }, second["schema"]!["properties"]!["rows"]!["items"]!["properties"]!.AsObject().Select(p => p.Key));
        // A fragment of the user's own may hold what strict mode refuses: the rows are checked here instead.
        Assert.False((bool)second["strict"]!);
    }

    [Fact]
    public void A_fragment_s_value_arrives_as_PowerShell_data()
    {
        var run = Run("$o = 'networking' | Add-EvolinkProperty @{ Tags = @{ type = 'array'; items = @{ enum = 'network', 'disk' } } }; $o.Tags.GetType().Name; $o.Tags[0]").Succeeded();
        Assert.Equal(new object[] { "Object[]", "network" }, run.Values);
    }

    [Fact]
    public void Input_property_picks_what_the_model_sees_and_a_misspelt_name_is_that_object_s_error()
    {
        var run = Run(Tickets + "\n$tickets | Add-EvolinkProperty @{ Kind = 'a', 'b' } -InputProperty T* | Out-Null; " +
            "$tickets[0] | Add-EvolinkProperty @{ Other = 'a', 'b' } -InputProperty Titel -ErrorVariable bad -ErrorAction SilentlyContinue; $bad[0].ErrorDetails.Message");
        Assert.Equal(new[] { "Title", "_row" }, RowsSent(ChatRequests[0])[0]!.AsObject().Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Contains("The object has no property 'Titel' that -InputProperty names. Its properties are: Title, Body", (string)run.Values.Last()!);
        Assert.Single(ChatRequests);
    }

    [Fact]
    public void Without_input_property_the_model_sees_an_object_s_default_display_properties()
    {
        Run("$o = [pscustomobject]@{ Name = 'web01'; Secret = 'not for the model'; Status = 'Stopped' }; " +
            "$o | Add-Member MemberSet PSStandardMembers ([Management.Automation.PSMemberInfo[]]@([Management.Automation.PSPropertySet]::new('DefaultDisplayPropertySet', [string[]]('Name', 'Status')))); " +
            "$o | Add-EvolinkProperty @{ Healthy = [bool] } | Out-Null").Succeeded();
        var row = RowsSent(Assert.Single(ChatRequests))[0]!.AsObject();
        Assert.Equal(new[] { "_row", "Name", "Status" }, row.Select(p => p.Key));
    }

    [Fact]
    public void A_request_the_gateway_refuses_is_one_terminating_error_and_nothing_more_is_sent()
    {
        var run = Run("1..50 | Add-EvolinkProperty @{ Kind = 'a', 'b' } -BatchSize 10 -Model fake-status-400");
        var error = Assert.Single(run.AllErrors);
        Assert.StartsWith("EvolinkInvalidRequest", error.FullyQualifiedErrorId);
        // At most the read-ahead (two requests at -ThrottleLimit 1) went out before the refusal came back.
        Assert.InRange(ChatRequests.Length, 1, 2);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void A_rerun_with_the_journal_sends_nothing_and_fills_every_object_alike()
    {
        const string script = "$o = 1..25 | ForEach-Object { [pscustomobject]@{ Id = $_; Text = \"ticket $_ about the network [skip-once]\" } } | " +
            "Add-EvolinkProperty @{ Area = 'network', 'disk'; N = [int] } -Journal ./fill.jsonl; ($o | ForEach-Object { \"$($_.Id):$($_.Area):$($_.N)\" }) -join ' '";
        var first = Run(script).Succeeded();
        var sent = ChatRequests.Length;
        Assert.True(sent > 2, "the rows left out were asked again alone");

        var again = Run(script).Succeeded();

        Assert.Equal(first.Values, again.Values);
        Assert.Equal(sent, ChatRequests.Length);
        Assert.Equal(sent, File.ReadAllLines(Path.Combine(Env.WorkFolder, "fill.jsonl")).Length);
    }

    [Fact]
    public void A_token_budget_stops_sending_and_each_object_left_gets_one_budget_error()
    {
        var run = Run("1..6 | Add-EvolinkProperty @{ Kind = 'a', 'b' } -BatchSize 2 -TokenBudget 1 -ErrorVariable over -ErrorAction SilentlyContinue | ForEach-Object Value; $over.Count; $over[0].FullyQualifiedErrorId");
        Assert.Equal(new object[] { 1, 2, 4, "EvolinkBudgetExceeded,Evolink.Commands.AddEvolinkPropertyCommand" }, run.Values);
        Assert.Single(ChatRequests);
    }

    [Fact]
    public void Ctrl_C_stops_within_100_ms_and_nothing_is_sent_after()
    {
        var running = Shell.Start("1..200 | Add-EvolinkProperty @{ Kind = 'a', 'b' } -BatchSize 5 -ThrottleLimit 2 -Model fake-delay-1000");
        WaitFor(() => Env.Gateway.InFlight == 2, "two requests in flight");
        var took = running.Stop();
        var sentAtStop = ChatRequests.Length;
        var run = running.Wait(TimeSpan.FromSeconds(5));
        Thread.Sleep(1200);
        Assert.True(took < TimeSpan.FromMilliseconds(100), $"Stopping took {took.TotalMilliseconds:0} ms.");
        Assert.IsType<PipelineStoppedException>(run.Terminating);
        Assert.Equal(sentAtStop, ChatRequests.Length);
        WaitFor(() => Env.Gateway.InFlight == 0, "the gateway to see the connections closed");
    }

    [Fact]
    public void A_batch_sums_itself_up_in_one_information_record_and_the_session_usage_counts_its_tokens()
    {
        var run = Run("Get-EvolinkUsage | Out-Null; 1..4 | Add-EvolinkProperty @{ Kind = 'a', 'b' } -InformationVariable info | Out-Null; $info | Where-Object Tags -contains 'Evolink.Batch' | ForEach-Object { $_.MessageData.Answered; $_.MessageData.Tokens -gt 0 }").Succeeded();
        Assert.Equal(4, run.Values[0]);
        Assert.Equal(true, run.Values[1]);
    }

    [Fact]
    public void Recorded_once_with_a_key_a_fill_is_replayed_offline_without_one_and_nothing_is_sent()
    {
        const string fill = "'network down', 'printer jammed [skip-once]', 'new laptop' | Add-EvolinkProperty @{ Area = 'network', 'printer', 'hardware'; Urgent = [bool] } -Replay ./fill-answers.jsonl";
        var recorded = Run(fill + " -ReplayMode Record | ForEach-Object { \"$($_.Value)=$($_.Area)\" }").Succeeded();
        var sent = ChatRequests.Length;

        var replayed = Run("$env:EVOLINK_API_KEY = $null; " + fill + " | ForEach-Object { \"$($_.Value)=$($_.Area)\" }").Succeeded();

        Assert.Equal(new object[] { "network down=network", "printer jammed [skip-once]=printer", "new laptop=hardware" }, recorded.Values);
        Assert.Equal(recorded.Values, replayed.Values);
        Assert.Equal(sent, ChatRequests.Length);
    }
}
