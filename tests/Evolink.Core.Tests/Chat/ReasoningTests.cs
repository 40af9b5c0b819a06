using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;
using Evolink.Chat;
using Evolink.Streaming;

namespace Evolink.Core.Tests;

/// <summary>Reasoning from reasoning_content and from a leading &lt;think&gt; block, whole and streamed, never mixed into the answer.</summary>
public sealed class ReasoningTests
{
    [Theory]
    [InlineData("<think>plan it</think>\n\nThe answer.", "plan it", "The answer.")]
    [InlineData("  \n<think>a</think>b", "a", "b")]
    [InlineData("Before <think>not leading</think> after", null, "Before <think>not leading</think> after")]
    [InlineData("<think>cut while thinking", "cut while thinking", "")]
    [InlineData("No block at all", null, "No block at all")]
    [InlineData("<thinking>is another word</thinking>", null, "<thinking>is another word</thinking>")]
    public void A_leading_block_is_reasoning_and_the_rest_the_answer(string content, string? reasoning, string text)
    {
        Assert.Equal((reasoning, text), ThinkSplitter.Split(content));
    }

    [Theory]
    [InlineData("<think>plan it</think>\n\nThe answer.")]
    [InlineData("<think>a</think>b")]
    [InlineData("Before <think>x</think> after")]
    [InlineData("<think>never closed")]
    public void Split_into_any_pieces_the_stream_gives_the_same_as_whole(string content)
    {
        var whole = ThinkSplitter.Split(content);
        for (var size = 1; size <= content.Length; size++)
        {
            var splitter = new ThinkSplitter();
            var reasoning = string.Empty;
            var text = string.Empty;
            for (var i = 0; i < content.Length; i += size)
            {
                var (r, t) = splitter.Add(content.Substring(i, Math.Min(size, content.Length - i)));
                reasoning += r;
                text += t;
            }
            var (lastR, lastT) = splitter.Complete();
            Assert.Equal(whole.Text, text + lastT);
            Assert.Equal(whole.Reasoning ?? string.Empty, reasoning + lastR);
        }
    }

    [Fact]
    public async Task Reasoning_content_and_think_blocks_reach_the_response_and_never_its_text()
    {
        await using var gateway = await FakeGateway.StartAsync();
        var client = Gateway.Client(gateway);
        var ask = (string model) => Requests.Prompt(model, "why is the sky blue");
        foreach (var model in new[] { "fake-reasoning", "fake-think-tags" })
        {
            var whole = await client.CompleteAsync(ask(model));
            var streamed = await client.StreamAsync(ask(model)).ToResponseAsync();
            foreach (var reply in new[] { whole, streamed })
            {
                Assert.Equal("why is the sky blue", reply.Text);
                Assert.Equal("Thinking about: why is the sky blue", reply.Reasoning);
            }
        }
        var raw = (await client.CompleteAsync(ask("fake-think-tags"))).Choices[0].Message!.Content!.ToString();
        Assert.StartsWith("<think>", raw);
    }

    [Fact]
    public void The_echo_shows_reasoning_only_to_its_own_writer_on_its_own_line()
    {
        var answer = new List<string>();
        var thoughts = new List<string>();
        var echo = new StreamEcho(answer.Add, thoughts.Add);
        foreach (var piece in new[] { "<thi", "nk>hmm", " ok</th", "ink>\n\nYes", "." })
            echo.Add(new ChatChunk { Choices = { new ChunkChoice { Delta = new ChunkDelta { Content = piece } } } });
        echo.Complete();
        Assert.Equal("Yes.\n", string.Concat(answer).Replace("\r\n", "\n"));
        Assert.Equal("hmm ok\n", string.Concat(thoughts).Replace("\r\n", "\n"));
        var quiet = new List<string>();
        var plain = new StreamEcho(quiet.Add);
        plain.Add(new ChatChunk { Choices = { new ChunkChoice { Delta = new ChunkDelta { Content = "<think>x</think>Hi", ReasoningContent = "r" } } } });
        plain.Complete();
        Assert.Equal("Hi\n", string.Concat(quiet).Replace("\r\n", "\n"));
    }
}
