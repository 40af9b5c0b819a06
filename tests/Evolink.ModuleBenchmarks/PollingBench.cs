using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using FakeEvolink;

namespace Evolink.ModuleBenchmarks;

/// <summary>
/// How polling scales: one job of 100 pending generation tasks in real pwsh (tasks that never finish), and what it
/// costs the gateway and the machine while it waits: reads a second at the gateway, and the pwsh process's CPU and
/// working set, over windows after the tasks have settled into their longest interval. Measured twice in the same
/// run, with the gateway's batch status read offered and refused, so the batch read's share is a ratio against the
/// reading of one task at a time.
/// </summary>
internal sealed class PollingBench
{
    public const int Tasks = 100;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly FakeGateway _gateway;
    private readonly string _manifest;

    public PollingBench(FakeGateway gateway, string manifest)
    {
        _gateway = gateway;
        _manifest = manifest;
    }

    public sealed record Sample(double ReadsPerSecond, double BatchReadsPerSecond, double CpuPercent, double WorkingSetMiB);

    /// <summary>Three windows of one job of <see cref="Tasks"/> pending tasks, with the batch read as <paramref name="batchRead"/> says.</summary>
    public Sample[] Measure(ColdProcess cold, string batchRead)
    {
        _gateway.Generations.BatchRead = batchRead;
        var folder = Path.Combine(Path.GetTempPath(), "evolink-polling-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var command = $"Set-Location '{folder}'; Import-Module '{_manifest}'; " +
                      $"$job = 1..{Tasks} | ForEach-Object {{ \"pending $_\" }} | New-EvolinkImage -Model fake-task-stuck -AsJob -TimeoutSec 0; " +
                      "[Console]::Out.WriteLine('started'); [Console]::Out.Flush(); Start-Sleep -Seconds 600";
        using var process = cold.Start(command);
        try
        {
            if (process.StandardOutput.ReadLine() != "started")
                throw new InvalidOperationException("the polling job did not start: " + process.StandardError.ReadToEnd());
            Thread.Sleep(Settle);
            var samples = new Sample[3];
            for (var i = 0; i < samples.Length; i++)
            {
                process.Refresh();
                var (reads, batches, cpu) = (_gateway.Generations.Reads, _gateway.Generations.BatchReads, process.TotalProcessorTime);
                var clock = Stopwatch.StartNew();
                Thread.Sleep(Window);
                process.Refresh();
                var seconds = clock.Elapsed.TotalSeconds;
                samples[i] = new Sample((_gateway.Generations.Reads - reads) / seconds, (_gateway.Generations.BatchReads - batches) / seconds,
                    (process.TotalProcessorTime - cpu).TotalSeconds / seconds * 100, process.WorkingSet64 / 1048576.0);
            }
            return samples;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            _gateway.Generations.BatchRead = "offered";
            Directory.Delete(folder, recursive: true);
        }
    }
}
