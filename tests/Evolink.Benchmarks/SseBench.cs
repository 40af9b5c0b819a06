using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.ServerSentEvents;
using System.Text;
using System.Threading.Tasks;
using Evolink.Streaming;

namespace Evolink.Benchmarks;

/// <summary>
/// The engine's server-sent-events reader against .NET's own parser (System.Net.ServerSentEvents, in the .NET 10
/// runtime PowerShell 7.6 runs on), over the same 20 MB stream of chat chunks in memory: each a median with min–max
/// over runs, each reading every event's data as UTF-8 bytes (what the chunk parser takes).
/// </summary>
internal static class SseBench
{
    public static async Task<IReadOnlyList<string>> RunAsync(int runs)
    {
        var stream = new StringBuilder();
        var piece = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"some words of a reply \"}}]}";
        while (stream.Length < 20_000_000)
            stream.Append("data: ").Append(piece).Append("\n\n");
        stream.Append("data: [DONE]\n\n");
        var bytes = Encoding.UTF8.GetBytes(stream.ToString());
        var ours = new List<double>();
        var theirs = new List<double>();
        long expected = -1;
        for (var run = 0; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            long total = 0;
            using (var reader = new SseReader(new MemoryStream(bytes), maxEventBytes: 1 << 20))
            {
                while (await reader.ReadEventAsync(default))
                    total += reader.Data.Length;
            }
            var oursMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            long theirTotal = 0;
            await foreach (var item in SseParser.Create(new MemoryStream(bytes), (type, data) => data.Length).EnumerateAsync())
                theirTotal += item.Data;
            var theirsMs = watch.Elapsed.TotalMilliseconds;
            if (total != theirTotal || (expected >= 0 && total != expected))
                throw new InvalidOperationException($"the readers disagree: {total} against {theirTotal} bytes of data");
            expected = total;
            if (run > 0)
            {
                ours.Add(oursMs);
                theirs.Add(theirsMs);
            }
        }
        return new[]
        {
            $"20 MB of SSE ({expected:N0} bytes of data), {runs} runs:",
            $"  SseReader (the engine's): {Stats.Median(ours):0.0} ms ({ours.Min():0.0}–{ours.Max():0.0})",
            $"  SseParser (.NET's):       {Stats.Median(theirs):0.0} ms ({theirs.Min():0.0}–{theirs.Max():0.0})",
            $"  ratio engine ÷ .NET: {Stats.Median(ours) / Stats.Median(theirs):0.00}",
        };
    }
}
