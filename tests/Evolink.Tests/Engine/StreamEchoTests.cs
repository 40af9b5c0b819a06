using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;

namespace Evolink.Tests.Engine;

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

    [Fact]
    public async Task A_streamed_response_is_marked_so_the_console_shows_a_summary_instead_of_the_text_again()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);
        var request = ChatRequests.ForPrompt("gpt-5.2", null, Array.Empty<ChatMessage>(), "one two three");

        var whole = await client.CompleteAsync(request);
        var streamed = await client.StreamAsync(request).ToResponseAsync();

        Assert.False(whole.Streamed);
        Assert.True(streamed.Streamed);
        // ASCII separators: Windows PowerShell 5.1 consoles do not all render a middle dot.
        Assert.Equal($"[gpt-5.2 | stop | 3 prompt + 3 completion = {streamed.Usage!.TotalTokens} tokens | request req-fake-000002]", streamed.Summary);
        Assert.All(streamed.Summary, c => Assert.True(c < 128));
        Assert.DoesNotContain("one two three", streamed.Summary);
    }

    [Fact]
    public async Task Blocking_enumeration_on_the_callers_thread_still_delivers_each_chunk_as_it_arrives()
    {
        await using var gateway = await Gateway.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Scenarios.AddReply("held", Scenarios.Echo, new StreamPlan { BeforeChunk = i => i == 2 ? release.Task : Task.CompletedTask });
        var stream = Gateway.Client(gateway).StreamAsync(ChatRequests.ForPrompt("held", null, Array.Empty<ChatMessage>(), "abcdefgh"));
        var seen = new List<string>();
        var firstText = new ManualResetEventSlim();

        var reader = new Thread(() =>
        {
            foreach (var chunk in stream.ToBlockingEnumerable())
            {
                seen.Add(chunk.Text);
                if (chunk.Text.Length > 0)
                    firstText.Set();
            }
        });
        reader.Start();

        Assert.True(firstText.Wait(TimeSpan.FromSeconds(5)));
        Assert.False(release.Task.IsCompleted);
        release.SetResult();
        Assert.True(reader.Join(TimeSpan.FromSeconds(5)));
        Assert.Equal("abcdefgh", string.Concat(seen));
        Assert.Equal("abcdefgh", stream.Response!.Text);
    }
}
