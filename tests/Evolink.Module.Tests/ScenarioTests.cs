using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>The ten scenarios of the design (shared/design.md, "What users see"), as a user types them.</summary>
[Collection(ModuleCollection.Name)]
public sealed class ScenarioTests : ModuleTest
{
    public ScenarioTests(ModuleEnvironment env) : base(env) { }

    [Fact]
    public void Scenario_01_a_question_at_the_console_shows_the_answer_and_the_object_has_all_a_script_needs()
    {
        Assert.Equal("What is DNS?", RunAtConsole("Invoke-EvolinkChat 'What is DNS?'").Succeeded().Screen.Trim());
        var run = Run("""
            $r = Invoke-EvolinkChat 'What is DNS?'
            $r.Text; $r.Model; $r.FinishReason; $r.Usage.TotalTokens -gt 0; $r.RequestId -like 'req-fake-*'; $r.Conversation.Messages.Count
            """).Succeeded();
        Assert.Equal(new object[] { "What is DNS?", "gemini-2.5-flash", "stop", true, true, 2 }, run.Values);
    }

    [Fact]
    public void Scenario_02_Stream_shows_the_answer_as_it_arrives_and_not_twice()
    {
        var words = string.Join(' ', Enumerable.Range(1, 8).Select(i => "w" + i));
        var run = RunAtConsole($"Invoke-EvolinkChat '{words}' -Model fake-stream-slow -Stream").Succeeded();
        var texts = run.HostWrites.Where(w => w.Kind == HostWriteKind.Text && w.Text.Trim().Length > 0).ToList();
        Assert.True(texts.Count >= 4, $"only {texts.Count} writes");
        // The plan waits 150 ms between chunks: the first piece is shown long before the last arrives.
        Assert.True(texts[^1].At - texts[0].At > TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, run.Screen.Split(words).Length - 1);
    }

    [Fact]
    public void Scenario_03_a_streamed_answer_assigned_to_a_variable_is_shown_live_and_kept_whole()
    {
        var run = Run("$r = Invoke-EvolinkChat 'keep this answer' -Stream; $r.Text; $r.Usage.TotalTokens -gt 0").Succeeded();
        Assert.Equal(new object[] { "keep this answer", true }, run.Values);
        Assert.Contains("keep this answer", run.Screen);
    }

    [Fact]
    public void Scenario_04_a_text_pipeline_writes_only_the_answer_text()
    {
        Env.WriteFile("a.txt", "their going tomorow");
        Run("Get-Content a.txt -Raw | Invoke-EvolinkChat -SystemPrompt 'Fix grammar' | Set-Content b.txt").Succeeded();
        Assert.Equal("their going tomorow\n", Env.ReadFile("b.txt"));
        Assert.Equal("system", (string?)ChatRequests.Single()["messages"]![0]!["role"]);
    }

    [Fact]
    public void Scenario_05_a_script_takes_each_chunk_the_moment_it_arrives()
    {
        var words = string.Join(' ', Enumerable.Range(1, 6).Select(i => "c" + i));
        var run = Run($"Invoke-EvolinkChat '{words}' -Model fake-stream-slow -AsChunk").Succeeded();
        Assert.True(run.Output.Count >= 4);
        Assert.Equal("ChatChunk", run.Output[0].BaseObject.GetType().Name);
        Assert.True(run.OutputTimes[^1] - run.OutputTimes[0] > TimeSpan.FromMilliseconds(300));
        Assert.Equal(words, string.Concat(run.Values.Select(v => v!.ToString())));
    }

    [Fact]
    public void Chunks_for_a_pipeline_slower_than_the_stream_all_arrive_in_order_while_the_stream_waits_for_room()
    {
        // 4,000 one-character chunks: more than the relay holds, read by a script block far slower than the parser.
        var text = string.Concat(Enumerable.Range(0, 4000).Select(i => (char)('a' + i % 26)));
        Env.Gateway.Scenarios.AddReply("test-many-chunks", Scenarios.Echo, new StreamPlan { PieceLength = 1 });

        var run = Run($"Invoke-EvolinkChat '{text}' -Model test-many-chunks -AsChunk | ForEach-Object {{ $_.Text }}").Succeeded();

        Assert.Equal(4000, run.Values.Count(v => v is string { Length: 1 }));
        Assert.Equal(text, string.Concat(run.Values.Select(v => (string?)v)));
    }

    [Fact]
    public void A_pipeline_that_ends_early_closes_the_stream_instead_of_leaving_it_waiting_for_room()
    {
        // More chunks than the relay holds, and the next command fails at the first one: nobody drains the rest.
        var text = new string('z', 20_000);
        Env.Gateway.Scenarios.AddReply("test-many-chunks-early-end", Scenarios.Echo, new StreamPlan { PieceLength = 1 });

        var run = Run($"Invoke-EvolinkChat '{text}' -Model test-many-chunks-early-end -AsChunk | ForEach-Object {{ throw 'enough' }}");

        Assert.Contains("enough", run.Terminating?.Message ?? string.Join(";", run.Errors));
        // The gateway sees the connection go: the call does not stay open with a thread waiting for room.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Env.Gateway.InFlight > 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
            System.Threading.Thread.Sleep(20);
        Assert.Equal(0, Env.Gateway.InFlight);
    }

    [Fact]
    public void Scenario_06_ThrottleLimit_16_runs_16_at_once_in_input_order_and_a_failure_is_one_error_for_that_input()
    {
        Env.WriteFile("prompts.txt", string.Join("\n", Enumerable.Range(1, 48).Select(i => i == 20 ? "fail here" : $"prompt {i}")));
        Env.Gateway.Scenarios.Add("test-200ms-or-fail", call => call.LastUserText == "fail here"
            ? Scenarios.StatusAsync(call.Http, 400)
            : Env.Gateway.Scenarios.Find("fake-delay-200")(call));
        var before = Env.Gateway.MaxInFlight;
        var run = Run("Get-Content prompts.txt | Invoke-EvolinkChat -ThrottleLimit 16 -Model test-200ms-or-fail");
        Assert.Equal(Enumerable.Range(1, 48).Where(i => i != 20).Select(i => (object)$"prompt {i}"), run.Output.Select(o => o.Properties["Text"].Value));
        var error = Assert.Single(run.Errors);
        Assert.Equal("fail here", error.TargetObject);
        Assert.Equal(16, Env.Gateway.MaxInFlight);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(2.5), $"{run.Elapsed.TotalSeconds:0.00} s for 3 rounds of 200 ms");
        _ = before;
    }

    [Fact]
    public void Scenario_07_a_response_piped_back_in_continues_the_conversation()
    {
        var run = Run("$r = Invoke-EvolinkChat 'first'; ($r | Invoke-EvolinkChat 'and then?').Conversation.Messages.Count").Succeeded();
        Assert.Equal(4, Convert.ToInt32(run.Single()));
        Assert.Equal(new[] { "user", "assistant", "user" }, ChatRequests.Last()["messages"]!.AsArray().Select(m => (string?)m!["role"]));
    }

    [Fact]
    public void Scenario_08_a_message_with_an_image_file_and_an_image_URL()
    {
        File.WriteAllBytes(Path.Combine(Env.WorkFolder, "shot.png"), Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="));
        Run("New-EvolinkMessage -Role user -Content 'What is here?' -Image ./shot.png, https://example.com/a.jpg | Invoke-EvolinkChat").Succeeded();
        var parts = ChatRequests.Single()["messages"]![0]!["content"]!.AsArray();
        Assert.Equal("What is here?", (string?)parts[0]!["text"]);
        Assert.StartsWith("data:image/png;base64,iVBOR", (string?)parts[1]!["image_url"]!["url"]);
        Assert.Equal("https://example.com/a.jpg", (string?)parts[2]!["image_url"]!["url"]);
    }

    [Theory]
    [InlineData("$schema = @{ type = 'object'; properties = @{ verdict = @{ type = 'string' } }; required = @('verdict') }")]
    [InlineData("$schema = '{\"type\":\"object\",\"properties\":{\"verdict\":{\"type\":\"string\"}},\"required\":[\"verdict\"]}'")]
    [InlineData("Set-Content schema.json '{\"type\":\"object\",\"properties\":{\"verdict\":{\"type\":\"string\"}},\"required\":[\"verdict\"]}'; $schema = './schema.json'")]
    public void Scenario_09_a_JSON_schema_makes_the_reply_an_object(string schema)
    {
        var run = Run(schema + "\n(Invoke-EvolinkChat '{\"verdict\":\"pass\"}' -JsonSchema $schema).Data.verdict").Succeeded();
        Assert.Equal("pass", run.Single());
        Assert.Equal("json_schema", (string?)ChatRequests.Single()["response_format"]!["type"]);
        var invalid = Run(schema + "\nInvoke-EvolinkChat '{\"other\":1}' -JsonSchema $schema");
        Assert.StartsWith("EvolinkInvalidResponse", Assert.Single(invalid.AllErrors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Scenario_10_the_key_from_the_environment_or_a_vault_and_never_shown()
    {
        Run("Invoke-EvolinkChat 'from the environment'").Succeeded();
        var run = RunAtConsole($$"""
            $k = ConvertTo-SecureString {{Quote(Env.Key)}} -AsPlainText -Force
            Set-EvolinkApiKey -ApiKey $k -Vault Work -Verbose
            $env:EVOLINK_API_KEY = $null
            Invoke-EvolinkChat 'from the vault' -Verbose -Debug
            Invoke-EvolinkChat 'with a wrong key' -ApiKey (ConvertTo-SecureString 'sk-wrong-000000000000' -AsPlainText -Force)
            Get-EvolinkConfiguration
            """);
        Assert.Contains("from the vault", run.Screen);
        Assert.Contains("vault 'Work'", run.Screen);
        Assert.DoesNotContain(Env.Key, run.Screen);
        Assert.DoesNotContain(Env.Key, File.ReadAllText(Env.ConfigurationPath));
        Assert.Equal(2, ChatRequests.Length - ChatRequests.Count(r => (string?)r["messages"]![0]!["content"] == "with a wrong key"));
    }
}
