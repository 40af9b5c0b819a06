using System;
using System.Diagnostics;
using System.Threading;

namespace Evolink.ModuleBenchmarks;

/// <summary>The process's resident set: idle with the module imported, and its peak while a batch runs (sampled every 2 ms).</summary>
internal static class Memory
{
    private const int Prompts = 1000;

    public static (Figure Idle, Figure Peak, Figure Share, double TextMegabytes) Measure(BenchShell shell, int runs)
    {
        var idle = new Figure();
        var peak = new Figure();
        var share = new Figure();
        for (var run = 0; run < runs; run++)
        {
            var (before, highest) = During(() =>
                shell.Run($"1..{Prompts} | ForEach-Object {{ \"prompt number $_ for the memory run\" }} | Invoke-EvolinkChat -Model gpt-5.2 | Out-Null"));
            idle.Add(before / 1048576.0);
            peak.Add(highest / 1048576.0);
            share.Add((highest - before) / 1048576.0);
        }
        // Each prompt goes out once and comes back once as the echoed reply.
        var text = 2.0 * Prompts * "prompt number 1000 for the memory run".Length * 2 / 1048576.0;
        return (idle, peak, share, text);
    }

    /// <summary>The resident set after a full collection, and its peak while the work runs (sampled every 2 ms), in bytes.</summary>
    public static (long Before, long Peak) During(Action work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = Resident();
        var highest = before;
        using var done = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            while (!done.IsSet)
            {
                highest = Math.Max(highest, Resident());
                Thread.Sleep(2);
            }
        }) { IsBackground = true };
        sampler.Start();
        try
        {
            work();
        }
        finally
        {
            done.Set();
            sampler.Join();
        }
        return (before, highest);
    }

    private static long Resident()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }
}
