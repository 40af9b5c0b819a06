using System.Threading.Tasks;
using Evolink.Chat;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Startup;
using Xunit;

namespace Evolink.Core.Tests.Startup;

/// <summary>
/// The warm-up a module import starts: a streamed and a whole chat through a
/// real client, read to their end, with nothing on the network; and the
/// gateway in memory a shell's own warm-up call is pointed at.
/// </summary>
public sealed class WarmUpTests
{
    [Fact]
    public async Task Reads_a_streamed_and_a_whole_reply_to_their_end_without_the_network()
    {
        // Its client names http://127.0.0.1/ (port 80), where nothing listens on a test machine: a connection really made
        // would be refused and the call would fail as a network error, so two replies read means neither left the process.
        Assert.Equal(2, await WarmUp.RunAsync());
    }

    [Fact]
    public async Task Its_first_connection_is_refused_on_loopback_so_nothing_is_sent()
    {
        Assert.True(await RefusedConnection.TryAsync());
    }

    [Fact]
    public async Task The_gateway_in_memory_answers_each_call_as_asked_in_any_order_and_as_often()
    {
        var options = new EvolinkClientOptions(EvolinkApiKey.FromText(WarmUp.PlaceholderKey)) { BaseUri = WarmUp.PlaceholderHost };
        WarmUp.AnswerInMemory(options);
        var client = new EvolinkClient(options);

        for (var round = 0; round < 3; round++)
        {
            var whole = await client.CompleteAsync(Request());
            var streamed = await client.StreamAsync(Request()).ToResponseAsync(_ => { });
            Assert.Equal("Ready.", whole.Text);
            Assert.StartsWith("# A **warm** `start`", streamed.Text);
        }
    }

    private static ChatRequest Request()
    {
        var request = new ChatRequest { Model = "warm-up" };
        request.Messages.Add(ChatMessage.User("a question"));
        return request;
    }
}
