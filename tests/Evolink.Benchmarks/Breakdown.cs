using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Evolink.Testing;
using Evolink.Streaming;

namespace Evolink.Benchmarks;

/// <summary>Where the engine's time per chunk goes: SSE framing alone, then with chunk parsing, then the whole client.</summary>
internal static class Breakdown
{
    public static async Task RunAsync()
    {
        var (bytes, chunks) = RecordedStream.Make(16 * 1024 * 1024);
        var client = Peers.Evolink(new Uri("https://replay.local"), new ReplayHandler(() => new MemoryStream(bytes, writable: false)));
        for (var round = 0; round < 4; round++)
        {
            var sse = await Time(async () =>
            {
                using var reader = new SseReader(new MemoryStream(bytes, writable: false), 1 << 24);
                while (await reader.ReadEventAsync(default)) { }
            });
            var parser = new ChunkReader();
            var parse = await Time(async () =>
            {
                using var reader = new SseReader(new MemoryStream(bytes, writable: false), 1 << 24);
                while (await reader.ReadEventAsync(default))
                {
                    if (reader.Data.Length > 0 && reader.Data[0] == (byte)'{')
                        parser.Read(reader.Data);
                }
            });
            var whole = await Time(() => Peers.ReadWithEvolink(client));
            Console.WriteLine($"per chunk: SSE {sse * 1e6 / chunks:0.00} µs, SSE+parse {parse * 1e6 / chunks:0.00} µs (read by shape alone: {parser.ReadByShape} of {chunks}), client {whole * 1e6 / chunks:0.00} µs");
        }
    }

    private static async Task<double> Time(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalSeconds;
    }
}
