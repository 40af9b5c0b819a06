using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Benchmarks;

/// <summary>A chat stream as the gateway sends it, made deterministically, and a transport that replays it.</summary>
internal static class RecordedStream
{
    private static readonly string[] Words = "the quick brown fox jumps over a lazy dog while PowerShell pipes text through Evolink at speed".Split(' ');

    public static string Chunk(int i, string content) =>
        "data: {\"id\":\"chatcmpl-bench-0001\",\"object\":\"chat.completion.chunk\",\"created\":1760032810,\"model\":\"gpt-5.2\"," +
        "\"system_fingerprint\":\"fp_bench\",\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JsonString(content) + "},\"logprobs\":null,\"finish_reason\":null}]}\n\n";

    public static string Tail =>
        "data: {\"id\":\"chatcmpl-bench-0001\",\"object\":\"chat.completion.chunk\",\"created\":1760032810,\"model\":\"gpt-5.2\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" +
        "data: {\"id\":\"chatcmpl-bench-0001\",\"object\":\"chat.completion.chunk\",\"created\":1760032810,\"model\":\"gpt-5.2\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":100,\"total_tokens\":105}}\n\n" +
        "data: [DONE]\n\n";

    public static string Word(int i) => Words[i % Words.Length] + (i % 17 == 0 ? ".\n" : " ");

    /// <summary>At least <paramref name="minimumBytes"/> of SSE, and how many chunks it holds.</summary>
    public static (byte[] Bytes, int Chunks) Make(int minimumBytes)
    {
        var text = new StringBuilder();
        var chunks = 0;
        while (text.Length < minimumBytes)
            text.Append(Chunk(chunks, Word(chunks++)));
        text.Append(Tail);
        return (Encoding.UTF8.GetBytes(text.ToString()), chunks + 2);
    }

    private static string JsonString(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}

/// <summary>An SSE stream of a given size made on the fly, so measuring memory does not count a copy of the reply.</summary>
internal sealed class GeneratedStream : Evolink.Testing.PieceStream
{
    private readonly long _total;
    private long _produced;
    private int _chunk;
    private bool _tailWritten;

    public GeneratedStream(long totalBytes) => _total = totalBytes;

    protected override byte[]? NextPiece()
    {
        if (_tailWritten)
            return null;
        byte[] piece;
        if (_produced >= _total)
        {
            piece = Encoding.UTF8.GetBytes(RecordedStream.Tail);
            _tailWritten = true;
        }
        else
        {
            piece = Encoding.UTF8.GetBytes(RecordedStream.Chunk(_chunk, RecordedStream.Word(_chunk++)));
        }
        _produced += piece.Length;
        return piece;
    }
}
