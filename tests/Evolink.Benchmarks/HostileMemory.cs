using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FakeEvolink;
using Evolink.Chat;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Benchmarks;

/// <summary>
/// Peak memory (the process's resident high-water mark) of one call that
/// meets each hostile reply, each case in a fresh child process, with the
/// client's default settings. Uses only engine API that older builds also
/// have, so the same program measures a build from before the limits.
/// dotnet run -c Release --project tests/Evolink.Benchmarks -- --hostile
/// </summary>
internal static class HostileMemory
{
    private static readonly (string Model, bool Stream, string What)[] Cases =
    {
        ("hostile-huge-body", false, "500 MB non-streamed reply"),
        ("hostile-huge-error", false, "100 MB error body"),
        ("hostile-gzip-bomb", false, "gzip body inflating to 400 MB"),
        ("hostile-endless-stream", true, "fast stream with no [DONE] (30 s at most)"),
        ("hostile-tool-index-far", true, "one event with tool call index 3,000,000"),
    };

    public static async Task<int> RunAsync(int repeats)
    {
        HostileReplies.HugeBodyBytes = 500L * 1024 * 1024;
        HostileReplies.HugeErrorBytes = 100L * 1024 * 1024;
        await using var gateway = await FakeGateway.StartAsync();
        var idle = Child("--hostile-idle", gateway.BaseUri, "none", false);
        Console.WriteLine($"Engine build: {typeof(EvolinkClient).Assembly.Location}");
        Console.WriteLine($"Idle child process: {idle.PeakMegabytes:0} MB peak RSS");
        Console.WriteLine();
        Console.WriteLine("| hostile reply | peak RSS, median (min–max) of " + repeats + " | over idle | outcome | time |");
        Console.WriteLine("| --- | ---: | ---: | --- | ---: |");
        foreach (var (model, stream, what) in Cases)
        {
            var runs = Enumerable.Range(0, repeats).Select(_ => Child("--hostile-case", gateway.BaseUri, model, stream)).ToList();
            var peaks = runs.Select(r => r.PeakMegabytes).OrderBy(p => p).ToList();
            Console.WriteLine($"| {what} | {peaks[peaks.Count / 2]:0} MB ({peaks[0]:0}–{peaks[^1]:0}) | {peaks[peaks.Count / 2] - idle.PeakMegabytes:0} MB | {runs[0].Outcome} | {runs.Select(r => r.Seconds).OrderBy(s => s).ElementAt(runs.Count / 2):0.0} s |");
        }
        return 0;
    }

    private sealed record ChildResult(double PeakMegabytes, string Outcome, double Seconds);

    private static ChildResult Child(string mode, Uri baseUri, string model, bool stream)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{typeof(HostileMemory).Assembly.Location}\" {mode} {baseUri} {model} {stream}")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var last = output.Trim().Split('\n').Last().Split('\t');
        return last.Length == 3
            ? new ChildResult(double.Parse(last[0], CultureInfo.InvariantCulture), last[1], double.Parse(last[2], CultureInfo.InvariantCulture))
            : new ChildResult(double.NaN, "child failed: " + output.Trim().Replace('\n', ' '), double.NaN);
    }

    /// <summary>In the child: one call, then "peak MB, outcome, seconds" on the last line.</summary>
    public static async Task<int> ChildAsync(string mode, Uri baseUri, string model, bool stream)
    {
        var clock = Stopwatch.StartNew();
        string outcome = "no call";
        if (mode == "--hostile-case")
        {
            var client = new EvolinkClient(new EvolinkClientOptions(EvolinkApiKey.FromText(FakeGateway.DefaultApiKey))
            {
                BaseUri = baseUri,
                Retry = new RetryPolicy { MaximumRetryCount = 0 },
            });
            var request = ChatRequests.For(model, null, new[] { ChatMessage.User("hello") });
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                var reply = stream ? await client.StreamAsync(request, limit.Token).ToResponseAsync(null, limit.Token) : await client.CompleteAsync(request, limit.Token);
                outcome = $"a reply of {reply.Text.Length / (1024.0 * 1024.0):0} M characters";
            }
            catch (Exception ex)
            {
                outcome = limit.IsCancellationRequested && ex is OperationCanceledException
                    ? "still reading when stopped at 30 s"
                    : ex is EvolinkException evolink ? $"{evolink.Kind} error" : ex.GetType().Name;
            }
        }
        Console.WriteLine($"{PeakMegabytes().ToString("0.0", CultureInfo.InvariantCulture)}\t{outcome}\t{clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)}");
        return 0;
    }

    /// <summary>VmHWM: the most resident memory this process has had.</summary>
    private static double PeakMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
