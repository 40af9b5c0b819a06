using System.Linq;
using System.Management.Automation;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>What people pipe into Invoke-EvolinkChat binds as they expect, and every input ends as one result or one error.</summary>
[Collection(ModuleCollection.Name)]
public sealed class PipelineBindingTests : ModuleTest
{
    public PipelineBindingTests(ModuleEnvironment env) : base(env) { }

    [Theory]
    [InlineData("$null")]
    [InlineData("''")]
    [InlineData("'   '")]
    public void An_empty_prompt_from_the_pipeline_is_an_error_about_the_prompt_for_that_input_only(string empty)
    {
        var run = Run($"'before', {empty}, 'after' | Invoke-EvolinkChat");
        Assert.Equal(new object[] { "before", "after" }, run.Output.Select(o => o.Properties["Text"].Value));
        var error = Assert.Single(run.Errors);
        Assert.DoesNotContain("Message", error.Exception.Message);
        Assert.Contains("prompt", error.Exception.Message);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith("EvolinkInvalidInput", error.FullyQualifiedErrorId);
        Assert.Equal(2, ChatRequests.Length);
    }

    [Fact]
    public void Piped_strings_are_one_request_each_in_input_order()
    {
        var run = Run("'one', 'two', 'three' | Invoke-EvolinkChat -ThrottleLimit 3").Succeeded();
        Assert.Equal(new object[] { "one", "two", "three" }, run.Output.Select(o => o.Properties["Text"].Value));
        Assert.Equal(new object[] { "one", "two", "three" }, run.Output.Select(o => o.Properties["Input"].Value));
    }

    [Fact]
    public void Piped_messages_make_one_conversation()
    {
        var run = Run("""
            @((New-EvolinkMessage -Role system -Content 'You answer in French.'), (New-EvolinkMessage 'Good morning')) | Invoke-EvolinkChat
            """).Succeeded();
        Assert.Equal("Good morning", run.Output.Single().Properties["Text"].Value);
        Assert.Equal(new[] { "system", "user" }, ChatRequests.Single()["messages"]!.AsArray().Select(m => (string?)m!["role"]));
    }

    [Fact]
    public void A_piped_response_is_continued_with_the_prompt()
    {
        Run("$r = Invoke-EvolinkChat 'Name three sorting algorithms'; $r | Invoke-EvolinkChat 'Which is fastest?'").Succeeded();
        Assert.Equal(3, ChatRequests.Last()["messages"]!.AsArray().Count);
    }

    [Fact]
    public void An_invalid_JsonSchema_stops_once_before_any_input_is_read()
    {
        var run = Run("""
            $global:read = 0
            & { foreach ($i in 1..200) { $global:read++; "prompt $i" } } | Invoke-EvolinkChat -JsonSchema '{ not json'
            $global:statementSucceeded = $?
            """);
        var error = Assert.Single(run.AllErrors);
        Assert.Equal(false, Shell.Value("$global:statementSucceeded"));
        Assert.StartsWith("EvolinkInvalidInput", error.FullyQualifiedErrorId);
        Assert.Equal(0, System.Convert.ToInt32(Shell.Value("$global:read")));
        Assert.Empty(ChatRequests);
    }

    [Fact]
    public void A_missing_image_file_stops_once_before_any_input_is_read()
    {
        var run = Run("'a', 'b', 'c' | Invoke-EvolinkChat -Image ./missing.png");
        var error = Assert.Single(run.AllErrors);
        Assert.Contains("missing.png", error.Exception.Message);
        Assert.Empty(ChatRequests);
    }

    [Fact]
    public void Piped_strings_to_New_EvolinkMessage_make_one_message_each()
    {
        var run = Run("'first', 'second' | New-EvolinkMessage -Role assistant | ForEach-Object { $_.Role + ':' + $_ }").Succeeded();
        Assert.Equal(new object[] { "assistant:first", "assistant:second" }, run.Values);
    }

    [Fact]
    public void Piped_paths_and_piped_conversations_bind_to_Import_and_Export()
    {
        Run("Invoke-EvolinkChat 'saved' | Export-EvolinkConversation ./one.json").Succeeded();
        var run = Run("'./one.json' | Import-EvolinkConversation | Export-EvolinkConversation ./two.json -PassThru | ForEach-Object Name").Succeeded();
        Assert.Equal("two.json", run.Single());
        Assert.Equal(Env.ReadFile("one.json"), Env.ReadFile("two.json"));
    }

    [Fact]
    public void A_piped_saved_conversation_and_a_response_are_each_continued_once()
    {
        Run("Invoke-EvolinkChat 'saved' | Export-EvolinkConversation ./one.json").Succeeded();
        var run = Run("@((Import-EvolinkConversation ./one.json), (Invoke-EvolinkChat 'live')) | Invoke-EvolinkChat 'next' | ForEach-Object { $_.Conversation.Messages.Count }").Succeeded();
        Assert.Equal(new object[] { 4, 4 }, run.Values);
    }
}
