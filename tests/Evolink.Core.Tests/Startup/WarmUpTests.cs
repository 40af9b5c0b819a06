using System.Threading.Tasks;
using Evolink.Startup;
using Xunit;

namespace Evolink.Core.Tests.Startup;

/// <summary>
/// The warm-up a module import starts: a streamed and a whole chat through a
/// real client, read to their end, with nothing on the network.
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
}
