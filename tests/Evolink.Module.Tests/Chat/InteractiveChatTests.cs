using System;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// Enter-EvolinkChat as a person uses it: lines typed at ReadLine (queued on
/// the recording host), each /command, multi-line input, Ctrl+C in the middle
/// of a reply, /save then /load, and the refusal in a non-interactive host.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class InteractiveChatTests : ModuleTest
{
    public InteractiveChatTests(ModuleEnvironment env) : base(env) { }

    private string[] Sent(int request) => ChatRequests[request]["messages"]!.AsArray().Select(m => (string)m!["role"]! + ":" + (string?)m["content"]).ToArray();

    [Fact]
    public void A_scripted_session_keeps_the_conversation_between_turns_and_PassThru_outputs_it()
    {
        Shell.UI.Answer("What is DNS?", "/model gpt-5.2", "And TLS?", "/tokens", "/exit");
        var run = RunAtConsole("$c = Enter-EvolinkChat -SystemPrompt 'Be terse.' -PassThru; $c.Messages.Count; $c.Model");

        Assert.Equal(new[] { "system:Be terse.", "user:What is DNS?" }, Sent(0));
        Assert.Equal(new[] { "system:Be terse.", "user:What is DNS?", "assistant:What is DNS?", "user:And TLS?" }, Sent(1));
        Assert.Equal("gpt-5.2", (string)ChatRequests[1]["model"]!);
        Assert.Contains("model: gpt-5.2", run.Screen);
        Assert.Contains("2 replies:", run.Screen);
        // Each reply streamed to the host as it came, once.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(run.Screen, "And TLS\\?\\n"));
        Assert.Contains("you> ", run.Screen);
        Assert.Equal(new object?[] { 5, "gpt-5.2" }, Shell.Run("$c.Messages.Count; $c.Model").Values);
    }

    [Fact]
    public void Lines_ending_in_a_backslash_and_triple_quoted_blocks_are_one_message()
    {
        Shell.UI.Answer("first line \\", "second line", "\"\"\"", "block one", "", "block three", "\"\"\"", "/exit");
        RunAtConsole("Enter-EvolinkChat").Succeeded();
        Assert.Equal("first line \nsecond line", (string)ChatRequests[0]["messages"]![0]!["content"]!);
        Assert.Equal("block one\n\nblock three", (string)ChatRequests[1]["messages"]![2]!["content"]!);
    }

    [Fact]
    public void Save_then_load_undo_retry_and_clear_change_what_is_sent_next()
    {
        Shell.UI.Answer("one", "two", "/save chat.json", "/clear", "three", "/load chat.json", "/undo", "four", "/retry", "/exit");
        var run = RunAtConsole("Enter-EvolinkChat -PassThru | Export-EvolinkConversation after.json").Succeeded();

        Assert.Contains("saved 4 message(s), 2 turn(s), to ", run.Screen);
        Assert.Equal(new[] { "user:three" }, Sent(2));
        // Loaded one..two, took back "two" and its reply, then said "four".
        Assert.Equal(new[] { "user:one", "assistant:one", "user:four" }, Sent(3));
        // /retry sent "four" again in the same place.
        Assert.Equal(Sent(3), Sent(4));
        Assert.Equal(5, ChatRequests.Length);
        var saved = JsonNode.Parse(Env.ReadFile("after.json"))!["messages"]!.AsArray();
        Assert.Equal(new[] { "one", "one", "four", "four" }, saved.Select(m => (string)m!["content"]!));
    }

    [Fact]
    public void Ctrl_C_during_a_reply_cancels_that_reply_and_the_chat_goes_on()
    {
        var words = string.Join(' ', Enumerable.Range(1, 40).Select(i => "word" + i));
        Shell.UI.Answer(words, "/model gpt-5.2", "still here?", "/exit");
        var running = Shell.Start("Enter-EvolinkChat -Model fake-stream-slow", atConsole: true);
        WaitFor(() => running.HostWrites.Count(w => w.Kind == HostWriteKind.Text && w.Text.StartsWith("word")) >= 2, "the reply to start");
        running.Stop();
        var run = running.Wait(TimeSpan.FromSeconds(10));

        Assert.True(run.Screen.Contains("[reply cancelled"), run.Screen + "\n---\n" + run.Terminating);
        Assert.DoesNotContain("word40", run.Screen);
        Assert.True(run.Screen.Contains("still here?"), run.Screen + "\n---\n" + run.Terminating);
        // The cancelled message was not kept: the next request holds only the new one.
        Assert.Equal(new[] { "user:still here?" }, Sent(1));
    }

    [Fact]
    public void A_failed_reply_is_said_and_the_chat_goes_on()
    {
        Shell.UI.Answer("this fails", "/model gpt-5.2", "this works", "/exit");
        var run = RunAtConsole("Enter-EvolinkChat -Model fake-status-404").Succeeded();
        Assert.Contains("Get-EvolinkModel", run.Screen);
        Assert.Equal(new[] { "user:this works" }, Sent(1));
    }

    [Fact]
    public void It_goes_on_from_a_piped_response()
    {
        Shell.UI.Answer("and then?");
        Shell.UI.Answer("and again?");
        Shell.UI.Answer("/exit");
        RunAtConsole("Invoke-EvolinkChat 'first question' -SystemPrompt 'Be terse.' | Enter-EvolinkChat").Succeeded();
        Assert.Equal(new[] { "system:Be terse.", "user:first question", "assistant:first question", "user:and then?" }, Sent(1));
        // The piped system prompt stays for the turns after.
        Assert.Equal("system:Be terse.", Sent(2)[0]);
    }

    [Fact]
    public void A_tool_the_model_asks_for_is_confirmed_first_and_its_answer_goes_back()
    {
        Shell.UI.Answer("what time is it?", "Y", "thanks", "Y", "/exit");
        var run = RunAtConsole("Enter-EvolinkChat -Model fake-tool-caller -Tools (New-EvolinkTool (Get-Command Get-Date))").Succeeded();
        Assert.Contains(run.Prompts, p => p.Caption.Contains("Run this tool?") || p.Message.Contains("Run this tool?"));
        Assert.Contains(ChatRequests[1]["messages"]!.AsArray(), m => (string)m!["role"]! == "tool");
        Assert.Contains("Results: ", run.Screen);
        // The next turn still holds the tool's call and answer.
        var next = ChatRequests[2]["messages"]!.AsArray().Select(m => (string)m!["role"]!).ToArray();
        Assert.Equal(new[] { "user", "assistant", "tool", "assistant", "user" }, next);
    }

    [Fact]
    public void In_a_non_interactive_host_it_refuses_with_a_message_naming_Invoke_EvolinkChat()
    {
        using var shell = Env.NewShell(interactive: false);
        var run = shell.Run("Enter-EvolinkChat");
        var error = Assert.Single(run.AllErrors);
        Assert.Contains("not interactive", error.ToString());
        Assert.Contains("Invoke-EvolinkChat", error.ToString());
        Assert.Empty(ChatRequests);
        // Refused before anything is written: no banner, no prompt.
        Assert.DoesNotContain(run.HostWrites, w => w.Kind != HostWriteKind.Error);
    }

    [Fact]
    public void Retry_after_a_failed_message_sends_that_message_not_the_last_answered_one()
    {
        Shell.UI.Answer("first", "/model fake-status-401", "second", "/model gemini-2.5-flash", "/retry", "/exit");
        var run = RunAtConsole("$c = Enter-EvolinkChat -PassThru; $c.Messages | ForEach-Object { $_.Role + ':' + $_.Content }");

        Assert.Equal(new[] { "user:first", "assistant:first", "user:second" }, Sent(2));
        Assert.Equal(new object?[] { "user:first", "assistant:first", "user:second", "assistant:second" }, Shell.Run("$c.Messages | ForEach-Object { $_.Role + ':' + $_.Content }").Values);
        Assert.Contains("/retry sends it again", run.Screen);
    }

    [Fact]
    public void An_image_that_is_not_there_is_refused_when_typed_and_attached_images_can_be_listed_and_dropped()
    {
        System.IO.File.WriteAllBytes(System.IO.Path.Combine(Env.WorkFolder, "shot.png"), Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="));
        Shell.UI.Answer("/image ./nope.png", "plain question", "/image ./shot.png", "/image", "/image off", "no image here", "/image ./shot.png", "with image", "/exit");
        var run = RunAtConsole("Enter-EvolinkChat").Succeeded();

        Assert.Contains("does not exist", run.Screen);
        Assert.Contains("The image was not attached.", run.Screen);
        Assert.Contains("attached to the next message: ./shot.png", run.Screen);
        Assert.Contains("1 attached image(s) dropped", run.Screen);
        Assert.Equal(3, ChatRequests.Length);
        Assert.IsAssignableFrom<JsonValue>(ChatRequests[0]["messages"]![0]!["content"]);
        Assert.IsAssignableFrom<JsonValue>(ChatRequests[1]["messages"]![2]!["content"]);
        var parts = ChatRequests[2]["messages"]![4]!["content"]!.AsArray();
        Assert.Equal(new[] { "text", "image_url" }, parts.Select(p => (string)p!["type"]!));
    }

    [Fact]
    public void Model_alone_lists_the_models_the_key_may_use_and_an_unknown_one_is_warned_about_and_still_tried()
    {
        Shell.UI.Answer("/model", "/model brand-new-model", "hello", "/exit");
        var run = RunAtConsole("Enter-EvolinkChat").Succeeded();

        Assert.Contains("this key may use: claude-sonnet-4-5, deepseek-chat", run.Screen);
        Assert.Contains("'brand-new-model' is not among the models this key may use", run.Screen);
        Assert.Equal("brand-new-model", (string)ChatRequests[0]["model"]!);
    }

    [Fact]
    public void A_piped_conversation_is_summed_up_when_the_chat_starts()
    {
        Shell.UI.Answer("/exit");
        var run = RunAtConsole("Invoke-EvolinkChat 'first question' -SystemPrompt 'Be terse.' | Enter-EvolinkChat").Succeeded();

        Assert.Contains("Going on from 1 earlier turn(s), 2 message(s), with a system prompt.", run.Screen);
    }
}
