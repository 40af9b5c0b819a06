using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>Export-/Import-EvolinkConversation: files a user can trust, errors that say what is wrong.</summary>
[Collection(ModuleCollection.Name)]
public sealed class ConversationCommandTests : ModuleTest
{
    public ConversationCommandTests(ModuleEnvironment env) : base(env) { }

    [Theory]
    [InlineData("""{ "hello": 1 }""")]
    [InlineData("""{ "messages": [] }""")]
    [InlineData("[1, 2, 3]")]
    [InlineData("not json at all")]
    public void A_file_that_is_not_a_conversation_is_an_error_naming_the_file(string text)
    {
        var path = Env.WriteFile("other.json", text);
        var run = Run("Import-EvolinkConversation ./other.json");
        Assert.Empty(run.Output);
        var error = Assert.Single(run.Errors);
        // One table decides the category by kind: input refused before any request is InvalidArgument.
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith("EvolinkInvalidInput", error.FullyQualifiedErrorId);
        Assert.Equal(path, error.TargetObject);
        Assert.Contains("Export-EvolinkConversation", error.Exception.Message);
    }

    [Fact]
    public void A_saved_conversation_continues_with_the_whole_history()
    {
        Run("Invoke-EvolinkChat 'first question' | Export-EvolinkConversation ./chat.json").Succeeded();
        var run = Run("Import-EvolinkConversation ./chat.json | Invoke-EvolinkChat 'And then?'").Succeeded();
        Assert.Equal("And then?", run.Output.Single().Properties["Text"].Value);
        var messages = ChatRequests.Last()["messages"]!.AsArray();
        Assert.Equal(new[] { "user", "assistant", "user" }, messages.Select(m => (string?)m!["role"]));
    }

    [Fact]
    public void Files_from_Get_ChildItem_bind_by_their_full_name()
    {
        Run("Invoke-EvolinkChat 'one' | Export-EvolinkConversation ./chats/a.json; Invoke-EvolinkChat 'two' | Export-EvolinkConversation ./chats/b.json").Succeeded();
        var run = Run("Get-ChildItem ./chats/*.json | Import-EvolinkConversation | ForEach-Object { $_.Messages.Count }").Succeeded();
        Assert.Equal(new object[] { 2, 2 }, run.Values);
    }

    [Fact]
    public void NoClobber_refuses_to_replace_a_file_with_an_error_for_that_input()
    {
        Env.WriteFile("kept.json", "keep");
        var run = Run("Invoke-EvolinkChat 'x' | Export-EvolinkConversation ./kept.json -NoClobber");
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal("keep", Env.ReadFile("kept.json"));
    }

    [Fact]
    public void Export_PassThru_gives_the_file_as_Get_Item_does_and_it_shows_as_files_do()
    {
        var screen = RunAtConsole("Invoke-EvolinkChat 'save me' | Export-EvolinkConversation ./saved.json -PassThru").Succeeded().Screen;
        var item = Run("Invoke-EvolinkChat 'save me' | Export-EvolinkConversation ./again.json -PassThru | ForEach-Object { $_.PSChildName + '|' + $_.PSIsContainer + '|' + ($_ -is [IO.FileInfo]) }").Succeeded().Text();

        Assert.Equal("again.json|False|True", item);
        Assert.Matches(@"Directory: .*work", screen);
        // Mode, owner and group (Unix) or Mode alone (Windows), the time, the size, the name: as Get-Item shows a file.
        Assert.Matches(@"(?m)^-[-rwxa-z]+\s+.*\s\d+\s+saved\.json\s*$", screen);
    }
}
