using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xunit;
using Evolink.Chat;
using Evolink.Streaming;

namespace Evolink.Core.Tests;

/// <summary>
/// A chunk matched by the previous chunk's shape must be exactly what reading
/// it in full gives: every case here is read both ways and compared field by field.
/// </summary>
public sealed class ChunkShapeTests
{
    private const string Head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1760032810,\"model\":\"gpt-5.2\",\"choices\":[{\"index\":0,\"delta\":";

    private static string Plain(string content) => Head + "{\"content\":" + JsonSerializer.Serialize(content) + "},\"finish_reason\":null}]}";

    private static string Describe(ChatChunk chunk)
    {
        var text = new StringBuilder($"{chunk.Id}|{chunk.Object}|{chunk.Created}|{chunk.Model}|{chunk.SystemFingerprint}|usage:{chunk.Usage?.TotalTokens}|error:{chunk.Error}");
        foreach (var choice in chunk.Choices)
        {
            var delta = choice.Delta;
            text.Append($"|[{choice.Index} {choice.FinishReason} logprobs:{choice.Logprobs?.Content?.Count} ");
            text.Append(delta is null ? "no delta" : $"role:{delta.Role} content:{delta.Content ?? "<null>"} reasoning:{delta.ReasoningContent ?? "<null>"} tools:{delta.ToolCalls?.Count}");
            text.Append(']');
        }
        return text.ToString();
    }

    /// <summary>Reads every event with one reader (shapes on), and each alone with a new reader (always in full).</summary>
    private static (List<string> Streamed, List<string> Alone, int ByShape) ReadBothWays(IEnumerable<string> events)
    {
        var reader = new ChunkReader();
        var streamed = new List<string>();
        var alone = new List<string>();
        foreach (var json in events)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            streamed.Add(Describe(reader.Read(bytes)));
            alone.Add(Describe(new ChunkReader().Read(bytes)));
        }
        return (streamed, alone, reader.ReadByShape);
    }

    [Fact]
    public void A_plain_stream_is_read_by_shape_after_its_first_chunk_and_reads_the_same_as_in_full()
    {
        var words = Enumerable.Range(0, 200).Select(i => i % 9 == 0 ? $"line {i}\n" : $"word{i} ").ToList();

        var (streamed, alone, byShape) = ReadBothWays(words.Select(Plain));

        Assert.Equal(alone, streamed);
        Assert.Equal(199, byShape);
    }

    [Fact]
    public void Every_change_outside_the_text_is_read_in_full_and_reads_the_same()
    {
        var events = new[]
        {
            Head + "{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
            Plain("Hello"),
            Plain(", world"),
            Plain("caf\u00e9 \u2603 \U0001F600 \"quoted\" \\ back\tslash"),
            Head.Replace("1760032810", "1760032811") + "{\"content\":\" next second\"},\"finish_reason\":null}]}",
            Plain("escaped \\u0041 as sent"),
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1760032810,\"model\":\"gpt-5.2\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\u0041\\n\"},\"finish_reason\":null}]}",
            Plain("x"),
            // A second "content" after the first: the last one wins in full, so no shape may be kept.
            Head + "{\"content\":\"first\",\"content\":\"second\"},\"finish_reason\":null}]}",
            Head + "{\"content\":\"third\",\"content\":\"fourth\"},\"finish_reason\":null}]}",
            Plain("y"),
            // A later delta without text replaces the first one.
            Head + "{\"content\":\"gone\"},\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}",
            Head + "{\"content\":\"gone too\"},\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}",
            // Empty text is one shared string: a later delta whose parts flatten to empty text must not pass for the first.
            Head + "{\"content\":\"\"},\"delta\":{\"content\":[]},\"finish_reason\":null}]}",
            Head + "{\"content\":\"new\"},\"delta\":{\"content\":[]},\"finish_reason\":null}]}",
            Head + "{\"reasoning_content\":\"think\"},\"finish_reason\":null}]}",
            Head + "{\"reasoning_content\":\" more\"},\"finish_reason\":null}]}",
            Head + "{\"content\":[{\"type\":\"text\",\"text\":\"parts\"}]},\"finish_reason\":null}]}",
            Head + "{\"content\":[{\"type\":\"text\",\"text\":\"parts again\"}]},\"finish_reason\":null}]}",
            Head + "{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}],\"content\":\"t\"},\"finish_reason\":null}]}",
            Head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}],\"content\":\"u\"},\"finish_reason\":null}]}",
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1760032810,\"model\":\"gpt-5.2\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":null},{\"index\":1,\"delta\":{\"content\":\"b\"},\"finish_reason\":null}]}",
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1760032810,\"model\":\"gpt-5.2\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"c\"},\"finish_reason\":null},{\"index\":1,\"delta\":{\"content\":\"d\"},\"finish_reason\":null}]}",
            Plain("z"),
            Head + "{\"content\":\"\"},\"finish_reason\":\"stop\"}]}",
            Head + "{\"content\":\"\"},\"finish_reason\":\"stop\"}]}",
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1760032810,\"model\":\"gpt-5.2\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}",
            Plain("after usage"),
            Plain("and on"),
        };

        var (streamed, alone, byShape) = ReadBothWays(events);

        Assert.Equal(alone, streamed);
        Assert.InRange(byShape, 4, events.Length - 8);
    }

    [Theory]
    // More than one token where the text was: an added property, a number, an unclosed string, text after the string.
    [InlineData("\"a\",\"role\":\"tool\"")]
    [InlineData("\"a\",\"finish_reason\":\"stop\"},\"x\":{\"y\":\"")]
    [InlineData("12")]
    [InlineData("\"a\" ")]
    [InlineData("\"a\"\"b\"")]
    public void Bytes_between_the_shape_that_are_not_one_string_are_read_in_full(string middle)
    {
        var reader = new ChunkReader();
        reader.Read(Encoding.UTF8.GetBytes(Plain("first")));
        var json = Encoding.UTF8.GetBytes(Head + "{\"content\":" + middle + "},\"finish_reason\":null}]}");

        var streamed = Record(() => Describe(reader.Read(json)));
        var alone = Record(() => Describe(new ChunkReader().Read(json)));

        Assert.Equal(alone, streamed);
        Assert.Equal(0, reader.ReadByShape);
    }

    [Fact]
    public void Text_that_is_not_valid_UTF8_fails_as_it_does_when_read_in_full()
    {
        var reader = new ChunkReader();
        reader.Read(Encoding.UTF8.GetBytes(Plain("first")));
        var json = Encoding.UTF8.GetBytes(Plain("XX")).ToArray();
        var at = System.Array.IndexOf(json, (byte)'X');
        json[at] = 0xC3;
        json[at + 1] = 0x28;

        var streamed = Record(() => Describe(reader.Read(json)));
        var alone = Record(() => Describe(new ChunkReader().Read(json)));

        Assert.StartsWith("threw ", alone);
        Assert.Equal(alone, streamed);
    }

    private static string Record(System.Func<string> read)
    {
        try
        {
            return read();
        }
        catch (System.Exception ex)
        {
            return "threw " + ex.GetType().Name;
        }
    }
}
