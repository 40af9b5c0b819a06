using System;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Testing;
using Evolink.Chat;

namespace Evolink.Benchmarks;

/// <summary>4. Peak managed memory while the engine streams and assembles a large reply made on the fly.</summary>
internal static class MemoryBench
{
    public sealed record Result(double ReplyMegabytes, double PeakMegabytes, double TextMegabytes);

    public static async Task<Result> RunAsync(int megabytes)
    {
        long total = megabytes * 1024L * 1024L;
        var client = Peers.Evolink(new Uri("https://replay.local"), new ReplayHandler(() => new GeneratedStream(total)));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
                await Task.Delay(1);
            }
        });
        var reply = await client.StreamAsync(ChatRequests.For("gpt-5.2", null, new[] { ChatMessage.User("go") })).ToResponseAsync();
        peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
        stop.Cancel();
        await sampler;
        var text = reply.Text.Length * 2 / (1024.0 * 1024.0);
        GC.KeepAlive(reply);
        return new Result(megabytes, peak / (1024.0 * 1024.0), text);
    }
}
