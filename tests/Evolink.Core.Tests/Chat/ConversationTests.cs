using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Evolink.Account;
using Evolink.Chat;
using Evolink.Chat.Input;
using Evolink.Errors;

namespace Evolink.Core.Tests;

public sealed class ConversationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("evolink-conversations-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_response_carries_the_messages_sent_and_its_reply()
    {
        await using var gateway = await Gateway.StartAsync();

        var reply = await Gateway.Client(gateway).CompleteAsync(Requests.Prompt("gpt-5.2", "Be brief.", Array.Empty<ChatMessage>(), "first"));

        Assert.Equal(new[] { "system:Be brief.", "user:first", "assistant:first" }, reply.Conversation!.Messages.Select(m => $"{m.Role}:{m}"));
        Assert.Equal("gpt-5.2", ((IConversation)reply).Model);
    }

    [Fact]
    public async Task Continuing_a_response_sends_the_whole_history_then_the_new_prompt()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);
        IConversation first = await client.CompleteAsync(Requests.Prompt("gpt-5.2", "one"));

        var second = await client.CompleteAsync(Requests.Prompt(first.Model, null, first.Messages, "and then?"));

        Assert.Equal(
            """{"model":"gpt-5.2","messages":[{"role":"user","content":"one"},{"role":"assistant","content":"one"},{"role":"user","content":"and then?"}]}""",
            gateway.ChatRequests[1].Body);
        Assert.Equal(4, second.Conversation!.Messages.Count);
    }

    [Fact]
    public async Task A_conversation_round_trips_through_a_file_byte_for_byte_and_continues_with_its_full_history()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);
        var png = Path.Combine(_folder, "p.png");
        File.WriteAllBytes(png, new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 9 });
        var history = new[]
        {
            MessageBuilder.Build("system", "Ünïcödé rules 🌍"),
            MessageBuilder.Build("user", "look", new[] { png, "https://example.test/x.jpg" }, "low"),
            MessageBuilder.Build("assistant", null, toolCalls: new object[] { new System.Collections.Hashtable { ["id"] = "c1", ["name"] = "Get-Date", ["arguments"] = "{}" } }),
            MessageBuilder.Build("tool", "done", toolCallId: "c1"),
        };
        var reply = await client.CompleteAsync(Requests.Prompt("fake-reasoning", null, history, "so?"));
        var first = Path.Combine(_folder, "chat.json");
        var second = Path.Combine(_folder, "again.json");

        ConversationFile.Save(reply, first);
        var loaded = ConversationFile.Load(first);
        ConversationFile.Save(loaded, second);
        await client.CompleteAsync(Requests.Prompt(loaded.Model, null, loaded.Messages, "more"));

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Equal(6, loaded.Messages.Count);
        Assert.Equal("Thinking about: so?", loaded.Messages[5].ReasoningContent);
        var sentFirst = System.Text.Json.Nodes.JsonNode.Parse(gateway.ChatRequests[0].Body)!["messages"]!.AsArray();
        var sentAgain = System.Text.Json.Nodes.JsonNode.Parse(gateway.ChatRequests[1].Body)!["messages"]!.AsArray();
        Assert.Equal(sentFirst.ToJsonString(), new System.Text.Json.Nodes.JsonArray(sentAgain.Take(5).Select(n => n!.DeepClone()).ToArray()).ToJsonString());
        Assert.Equal(7, sentAgain.Count);
        Assert.Contains("\n  \"messages\": [", File.ReadAllText(first));
    }

    [Fact]
    public void A_file_that_is_not_a_conversation_is_refused_with_its_path()
    {
        var path = Path.Combine(_folder, "bad.json");
        File.WriteAllText(path, "{ this is not json");

        var error = Assert.Throws<EvolinkException>(() => ConversationFile.Load(path));

        Assert.Equal(EvolinkErrorKind.InvalidInput, error.Kind);
        Assert.Contains(path, error.Message);
        Assert.Equal(EvolinkRemedy.SaveConversation, error.Remedy);
    }
}

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("evolink-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Saved_conversations_and_model_caches_replace_their_files_whole_and_leave_no_temporary_file()
    {
        var path = Path.Combine(_folder, "sub", "chat.json");
        ConversationFile.Save(new Conversation { Model = "m", Messages = { ChatMessage.User("first") } }, path);
        ConversationFile.Save(new Conversation { Model = "m", Messages = { ChatMessage.User("second") } }, path);
        var catalog = new ModelCatalog(_folder, TimeSpan.FromHours(1));
        await catalog.GetIdsAsync("k", _ => Task.FromResult<System.Collections.Generic.IReadOnlyList<string>>(new[] { "a" }), TimeSpan.FromSeconds(1));
        await catalog.GetIdsAsync("k2", _ => Task.FromResult<System.Collections.Generic.IReadOnlyList<string>>(new[] { "b" }), TimeSpan.FromSeconds(1));

        Assert.Equal("second", ConversationFile.Load(path).Messages.Single().ToString());
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(2, Directory.GetFiles(_folder, "models-*.json").Length);
    }
}
