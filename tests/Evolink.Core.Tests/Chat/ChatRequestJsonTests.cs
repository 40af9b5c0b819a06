using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Evolink.Chat;

namespace Evolink.Core.Tests;

public sealed class ChatRequestJsonTests
{
    [Fact]
    public async Task A_prompt_with_system_prompt_and_model_is_sent_as_exactly_this_json()
    {
        await using var gateway = await Gateway.StartAsync();
        var request = Requests.Prompt("gpt-5.2", "Be terse.", System.Array.Empty<ChatMessage>(), "What is DNS?");

        await Gateway.Client(gateway).CompleteAsync(request);

        var sent = gateway.ChatRequests.Single();
        Assert.Equal(
            """{"model":"gpt-5.2","messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"What is DNS?"}]}""",
            sent.Body);
        Assert.Equal("POST", sent.Method);
        Assert.Equal($"Bearer {gateway.ApiKey}", sent.Header("Authorization"));
        Assert.StartsWith("application/json", sent.Header("Content-Type"));
        Assert.StartsWith("Evolink-PowerShell/", sent.Header("User-Agent"));
    }

    [Fact]
    public async Task A_request_without_a_model_uses_the_default_model()
    {
        await using var gateway = await Gateway.StartAsync();

        var request = Requests.Prompt(null, null, System.Array.Empty<ChatMessage>(), "Hi");

        var reply = await Gateway.Client(gateway).CompleteAsync(request);

        Assert.Equal("gemini-2.5-flash", (string?)gateway.ChatRequests.Single().Json!["model"]);
        Assert.Equal("gemini-2.5-flash", reply.Model);
        Assert.Equal("gemini-2.5-flash", reply.Conversation!.Model);
        Assert.Null(request.Model);
    }

    [Fact]
    public async Task A_base_uri_ending_in_v1_reaches_the_same_endpoint()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway, o => o.BaseUri = new System.Uri(gateway.BaseUri, "/v1/"));

        var reply = await client.CompleteAsync(Requests.Prompt("m", null, System.Array.Empty<ChatMessage>(), "ping"));

        Assert.Equal("ping", reply.Text);
        Assert.Equal("/v1/chat/completions", gateway.ChatRequests.Single().Path);
    }

    [Fact]
    public void A_system_prompt_replaces_the_history_system_message_instead_of_adding_a_second()
    {
        var history = new[] { ChatMessage.System("old"), ChatMessage.User("q"), ChatMessage.Assistant("a") };

        var request = Requests.Prompt(null, "new", history, "next");

        Assert.Equal(new[] { "system:new", "user:q", "assistant:a", "user:next" },
            request.Messages.Select(m => $"{m.Role}:{m.Content}"));
    }

    [Fact]
    public void Piped_messages_without_a_prompt_are_sent_as_they_are()
    {
        var history = new[] { ChatMessage.User("only") };

        var request = ChatRequests.For(null, null, history);

        var only = Assert.Single(request.Messages);
        Assert.Equal("user:only", $"{only.Role}:{only.Content}");
    }
}
