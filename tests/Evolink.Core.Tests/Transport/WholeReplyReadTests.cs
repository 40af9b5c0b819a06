using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;
using Evolink.Transport;
using Xunit;

namespace Evolink.Core.Tests;

/// <summary>
/// A whole reply's body read to its end, however it arrives: with its length
/// declared or not (chunked), in pieces of any size, and with a declared
/// length that is wrong either way. The bytes that come back are exactly the
/// bytes sent, and the size limit holds whatever the length header says.
/// </summary>
public sealed class WholeReplyReadTests
{
    [Theory]
    [InlineData(600, 600L, 7)]
    [InlineData(600, 600L, 4096)]
    [InlineData(600, null, 13)]
    [InlineData(100_000, null, 3000)]
    [InlineData(100_000, 100_000L, 1000)]
    [InlineData(600, 300L, 50)]
    [InlineData(300, 600L, 50)]
    [InlineData(0, 0L, 1)]
    [InlineData(0, null, 1)]
    [InlineData(2_000_000, 2_000_000L, 65536)]
    public async Task Gives_back_exactly_the_bytes_sent(int length, long? declared, int piece)
    {
        var body = new byte[length];
        new Random(length).NextBytes(body);

        var read = await GatewayTransport.ReadAllAsync(Reply(body, declared, piece), Options(), CancellationToken.None);

        Assert.Equal(body, read);
    }

    [Fact]
    public async Task A_body_past_the_size_limit_is_refused_whatever_length_it_declares()
    {
        var body = new byte[3 * 1024 * 1024];
        var options = Options();
        options.MaxReplyBytes = 1024 * 1024;

        var error = await Assert.ThrowsAsync<EvolinkException>(() => GatewayTransport.ReadAllAsync(Reply(body, 100, 65536), options, CancellationToken.None));

        Assert.Equal(EvolinkErrorKind.InvalidResponse, error.Kind);
    }

    private static EvolinkClientOptions Options() => new(EvolinkApiKey.FromText("sk-test-0000000000000000"));

    private static HttpResponseMessage Reply(byte[] body, long? declared, int piece)
    {
        // At most `piece` bytes a read, as a network delivers a body.
        var content = new StreamContent(new SegmentedStream(body.Chunk(piece)));
        content.Headers.ContentLength = declared;
        return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
    }
}
