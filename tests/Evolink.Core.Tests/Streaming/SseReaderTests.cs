using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;
using Evolink.Streaming;

namespace Evolink.Core.Tests;

public sealed class SseReaderTests
{
    private static async Task<List<(string Type, string Data)>> ReadAll(Stream stream, int maxEventBytes = 1 << 20, int bufferSize = 16)
    {
        using var reader = new SseReader(stream, maxEventBytes, bufferSize: bufferSize);
        var events = new List<(string, string)>();
        while (await reader.ReadEventAsync(default))
            events.Add((reader.EventType, Encoding.UTF8.GetString(reader.Data.ToArray())));
        return events;
    }

    private static Task<List<(string Type, string Data)>> ReadText(params string[] pieces) => ReadAll(SegmentedStream.OfText(pieces));

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public async Task Each_line_ending_separates_lines_and_events(string end)
    {
        var events = await ReadText($"data: one{end}{end}data: two{end}{end}");

        Assert.Equal(new[] { "one", "two" }, events.Select(e => e.Data));
    }

    [Fact]
    public async Task A_CR_and_its_LF_split_across_two_reads_are_one_line_ending()
    {
        var events = await ReadText("data: one\r", "\n\r", "\ndata: two\r", "\n", "\r\n");

        Assert.Equal(new[] { "one", "two" }, events.Select(e => e.Data));
    }

    [Fact]
    public async Task Every_byte_in_its_own_read_still_gives_the_same_events()
    {
        var text = "data: {\"a\":1}\r\n\r\n: ping\r\n\r\ndata:x\r\rdata: y\n\n";

        var events = await ReadAll(SegmentedStream.ByteByByte(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(new[] { "{\"a\":1}", "x", "y" }, events.Select(e => e.Data));
    }

    [Fact]
    public async Task One_space_after_the_colon_is_dropped_and_only_one()
    {
        var events = await ReadText("data:tight\n\ndata: one\n\ndata:  two\n\n");

        Assert.Equal(new[] { "tight", "one", " two" }, events.Select(e => e.Data));
    }

    [Fact]
    public async Task Several_data_lines_are_joined_with_LF()
    {
        var events = await ReadText("data: {\ndata: \"a\": 1\ndata: }\n\n");

        Assert.Equal("{\n\"a\": 1\n}", Assert.Single(events).Data);
    }

    [Fact]
    public async Task Comment_lines_are_keep_alives_and_dispatch_nothing()
    {
        using var reader = new SseReader(SegmentedStream.OfText(": keep-alive\n\n:\n\ndata: real\n\n"), 1024);

        Assert.True(await reader.ReadEventAsync(default));
        Assert.Equal("real", Encoding.UTF8.GetString(reader.Data.ToArray()));
        Assert.Equal(2, reader.CommentCount);
        Assert.False(await reader.ReadEventAsync(default));
    }

    [Fact]
    public async Task Event_id_and_retry_fields_are_read_and_the_type_resets_after_each_event()
    {
        using var reader = new SseReader(SegmentedStream.OfText("event: error\nid: 7\nretry: 1500\ndata: bad\n\nretry: x1\ndata: ok\n\n"), 1024);

        Assert.True(await reader.ReadEventAsync(default));
        Assert.Equal(("error", "7", 1500), (reader.EventType, reader.LastEventId, reader.RetryMilliseconds));
        Assert.True(await reader.ReadEventAsync(default));
        Assert.Equal(("message", "ok", 1500), (reader.EventType, Encoding.UTF8.GetString(reader.Data.ToArray()), reader.RetryMilliseconds));
    }

    [Fact]
    public async Task An_event_with_no_data_is_not_dispatched_and_a_field_without_colon_is_a_name()
    {
        var events = await ReadText("event: ping\n\ndata\n\n");

        Assert.Equal(("message", ""), Assert.Single(events));
    }

    [Fact]
    public async Task One_leading_byte_order_mark_is_stripped_even_when_split()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("data: x\n\n")).ToArray();

        var events = await ReadAll(SegmentedStream.ByteByByte(bytes));

        Assert.Equal("x", Assert.Single(events).Data);
    }

    [Fact]
    public async Task Multi_byte_UTF8_split_across_reads_arrives_whole()
    {
        var text = "data: héllo 🌍 日本\n\n";

        var events = await ReadAll(SegmentedStream.ByteByByte(Encoding.UTF8.GetBytes(text)));

        Assert.Equal("héllo 🌍 日本", Assert.Single(events).Data);
    }

    [Fact]
    public async Task An_event_without_its_closing_blank_line_at_the_end_is_discarded()
    {
        var events = await ReadText("data: whole\n\ndata: half\n");

        Assert.Equal("whole", Assert.Single(events).Data);
    }

    [Fact]
    public async Task A_line_of_several_megabytes_is_accepted_below_the_cap()
    {
        var big = new string('x', 3 * 1024 * 1024);

        var events = await ReadAll(SegmentedStream.OfText("data: " + big + "\n\n"), maxEventBytes: 4 * 1024 * 1024);

        Assert.Equal(big.Length, Assert.Single(events).Data.Length);
    }

    [Fact]
    public async Task A_line_past_the_cap_is_a_clear_error_not_unbounded_growth()
    {
        var pieces = Enumerable.Repeat(new string('x', 1000), 100).Prepend("data: ").ToArray();

        var error = await Assert.ThrowsAsync<SseEventTooLargeException>(() => ReadAll(SegmentedStream.OfText(pieces), maxEventBytes: 10_000));

        Assert.Equal(10_000, error.Limit);
    }

    [Theory]
    [InlineData(16, 1)]
    [InlineData(16, 7)]
    [InlineData(64, 5)]
    [InlineData(64, 4096)]
    [InlineData(64 * 1024, 3)]
    [InlineData(64 * 1024, 1 << 20)]
    public async Task Every_event_reads_the_same_whatever_the_buffer_size_and_however_the_bytes_arrive(int bufferSize, int pieceLength)
    {
        // One-line data is read in place in the buffer; it must survive the buffer shifting or growing before its event ends.
        var expected = new List<(string, string)>();
        var text = new StringBuilder();
        for (var i = 0; i < 300; i++)
        {
            var data = $"{{\"n\":{i},\"text\":\"{new string((char)('a' + i % 26), i % 90)}\"}}";
            if (i % 5 == 0)
            {
                text.Append("data: ").Append(data).Append("\r\n: keep-alive\r\ndata:second ").Append(i).Append("\r\n\r\n");
                expected.Add(("message", data + "\nsecond " + i));
            }
            else if (i % 7 == 0)
            {
                text.Append("event: note\ndata: ").Append(data).Append("\nid: ").Append(i).Append("\n\n");
                expected.Add(("note", data));
            }
            else
            {
                text.Append("data: ").Append(data).Append("\n\n");
                expected.Add(("message", data));
            }
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var pieces = Enumerable.Range(0, (bytes.Length + pieceLength - 1) / pieceLength)
            .Select(p => bytes.Skip(p * pieceLength).Take(pieceLength).ToArray());

        var events = await ReadAll(new SegmentedStream(pieces), bufferSize: bufferSize);

        Assert.Equal(expected, events);
    }
}
