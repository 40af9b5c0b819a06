using System;
using System.Text;
using System.Text.Json;
using FakeEvolink;

namespace Evolink.ModuleBenchmarks;

/// <summary>A long streamed reply, made once and replayed by the gateway as model bench-long, in 64 KiB writes.</summary>
internal sealed class LongStream
{
    private static readonly string[] Words = "the quick brown fox jumps over a lazy dog while PowerShell pipes text through Evolink at speed".Split(' ');

    private LongStream(byte[] body, int chunks, long characters)
    {
        Body = body;
        Chunks = chunks;
        TextCharacters = characters;
    }

    public byte[] Body { get; }
    public long Bytes => Body.Length;
    public int Chunks { get; }
    public long TextCharacters { get; }

    public static LongStream Add(FakeGateway gateway, int megabytes)
    {
        var events = new StringBuilder();
        var chunks = 0;
        long characters = 0;
        while (events.Length < megabytes * 1024 * 1024)
        {
            var word = Words[chunks % Words.Length] + (chunks % 17 == 0 ? ".\n" : " ");
            characters += word.Length;
            events.Append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1760032810,\"model\":\"bench-long\",\"choices\":[{\"index\":0,\"delta\":{\"content\":")
                  .Append(JsonSerializer.Serialize(word)).Append("},\"finish_reason\":null}]}\n\n");
            chunks++;
        }
        events.Append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1760032810,\"model\":\"bench-long\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":")
              .Append(chunks).Append(",\"total_tokens\":").Append(chunks + 1).Append("}}\n\ndata: [DONE]\n\n");
        var stream = new LongStream(Encoding.UTF8.GetBytes(events.ToString()), chunks, characters);
        gateway.Scenarios.Add("bench-long", async call =>
        {
            call.Http.Response.ContentType = "text/event-stream";
            for (var offset = 0; offset < stream.Body.Length; offset += 65536)
                await call.Http.Response.Body.WriteAsync(stream.Body.AsMemory(offset, System.Math.Min(65536, stream.Body.Length - offset)));
        });
        return stream;
    }
}
