using System;
using System.Collections.Generic;
using Xunit;
using Evolink.Chat;
using Evolink.Streaming;

namespace Evolink.Core.Tests;

/// <summary>The module's console echo of a streamed reply (what the host shows as chunks arrive).</summary>
public sealed class StreamEchoTests
{
    private static ChatChunk Chunk(string? text) =>
        new() { Choices = { new ChunkChoice { Delta = new ChunkDelta { Content = text } } } };

    [Fact]
    public void Chunks_are_written_as_they_come_without_a_line_break_each_and_one_at_the_end()
    {
        var written = new List<string>();
        var echo = new StreamEcho(written.Add);

        echo.Add(Chunk("Hel"));
        echo.Add(Chunk(null));
        echo.Add(Chunk("lo"));
        echo.Complete();
        echo.Complete();

        Assert.Equal(new[] { "Hel", "lo", Environment.NewLine }, written);
    }

    [Fact]
    public void A_reply_that_ends_with_a_line_break_gets_no_second_one_and_an_empty_reply_none()
    {
        var written = new List<string>();
        var echo = new StreamEcho(written.Add);
        echo.Add(Chunk("done\n"));
        echo.Complete();
        var silent = new List<string>();
        new StreamEcho(silent.Add).Complete();

        Assert.Equal(new[] { "done\n" }, written);
        Assert.Empty(silent);
    }
}
