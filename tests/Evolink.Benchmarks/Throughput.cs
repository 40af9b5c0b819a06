using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Evolink.Testing;

namespace Evolink.Benchmarks;

/// <summary>1. Parse throughput and allocations per chunk on one recorded stream, replayed from memory.</summary>
internal static class Throughput
{
    public sealed record Result(string Name, double MegabytesPerSecond, double BytesAllocatedPerChunk, int Chunks);

    public static async Task<Result[]> RunAsync(int megabytes, int runs)
    {
        var (bytes, _) = RecordedStream.Make(megabytes * 1024 * 1024);
        var replay = new ReplayHandler(() => new MemoryStream(bytes, writable: false));
        var evolink = Peers.Evolink(new Uri("https://replay.local"), replay);
        var openAi = Peers.OpenAi(new Uri("https://replay.local"), replay);
        var size = bytes.Length / (1024.0 * 1024.0);
        return new[]
        {
            await Measure("Evolink engine", size, runs, () => Peers.ReadWithEvolink(evolink)),
            await Measure("OpenAI .NET SDK", size, runs, () => Peers.ReadWithOpenAi(openAi)),
            await Measure("Floor (lines + Utf8JsonReader)", size, runs, () => Task.FromResult(Peers.ReadFloor(new MemoryStream(bytes, writable: false)))),
        };
    }

    private static async Task<Result> Measure(string name, double megabytes, int runs, Func<Task<int>> read)
    {
        // Enough warm-up for tiered JIT to settle on optimised code, the same for every reader.
        for (var i = 0; i < 8; i++)
        {
            await read();
            await Task.Delay(50);
        }
        var speeds = new double[runs];
        var allocations = new double[runs];
        var chunks = 0;
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            chunks = await read();
            clock.Stop();
            allocations[i] = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)chunks;
            speeds[i] = megabytes / clock.Elapsed.TotalSeconds;
        }
        return new Result(name, Stats.Median(speeds), Stats.Median(allocations), chunks);
    }
}
