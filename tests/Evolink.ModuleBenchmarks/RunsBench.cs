using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using FakeEvolink;

namespace Evolink.ModuleBenchmarks;

/// <summary>
/// Runs that remember, measured: what -Journal costs a batch, how soon a large journal is resumed and in how much
/// memory, a run killed again and again and resumed, and shards in parallel processes merged back.
/// </summary>
internal sealed class RunsBench : IDisposable
{
    public const int ResumeInputs = 100_000;
    public const int SoakInputs = 2_000;
    public const int SoakKills = 20;
    public const int ShardInputs = 2_000;

    private readonly BenchShell _shell;
    private readonly FakeGateway _gateway;
    private readonly string _manifest;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "evolink-runs-bench-" + Guid.NewGuid().ToString("N"));
    private string ResumeBase => Path.Combine(_folder, "resume-base.jsonl");
    private long _firstNew;

    public RunsBench(BenchShell shell, FakeGateway gateway, string manifest)
    {
        _shell = shell;
        _gateway = gateway;
        _manifest = manifest;
        Directory.CreateDirectory(_folder);
        // Every hundredth input fails the first time it is sent (its key's first attempt), as a burst of 503s leaves a
        // real job: a resume then has 1,000 of 100,000 inputs to send, the first of them the 100th.
        // The gateway keeps no attempts per key in a benchmark, so the scenario remembers the keys it failed.
        var failed = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        gateway.Scenarios.Add("bench-resume", call =>
        {
            var key = call.IdempotencyKey ?? string.Empty;
            if (call.LastUserText.EndsWith("00", StringComparison.Ordinal) && failed.TryAdd(key, true))
                return Scenarios.StatusAsync(call.Http, 503);
            if (failed.ContainsKey(key))
                Interlocked.CompareExchange(ref _firstNew, Stopwatch.GetTimestamp(), 0);
            return Scenarios.ReplyAsync(call, Scenarios.Echo(call), StreamPlan.Default);
        });
    }

    /// <summary>The 100,000-line journal a resume starts from: written once, by a real run of the module.</summary>
    public void PrepareResume()
    {
        _shell.Run($"1..{ResumeInputs} | ForEach-Object {{ \"r $_\" }} | Invoke-EvolinkChat -Model bench-resume -ThrottleLimit 16 -MaximumRetryCount 0 " +
                   $"-Journal '{ResumeBase}' -ErrorAction Ignore | Out-Null", failuresExpected: true);
        var lines = File.ReadLines(ResumeBase).Count();
        if (lines != ResumeInputs)
            throw new InvalidOperationException($"the resume journal has {lines} lines, not {ResumeInputs}");
        _shell.Run($"$resumeInputs = 1..{ResumeInputs} | ForEach-Object {{ \"r $_\" }}");
    }

    /// <summary>Per-call cost of 5,000 no-delay prompts with a journal and without (µs), the sides taking turns, fastest of five each.</summary>
    public (double With, double Without) PerCall(int size)
    {
        _shell.Run($"$journalPrompts = 1..{size} | ForEach-Object {{ \"j $_\" }}");
        var journal = Path.Combine(_folder, "per-call.jsonl");
        var fastest = Measure.FastestInTurn(5,
            () =>
            {
                File.Delete(journal);
                return (_shell.Time($"$journalPrompts | Invoke-EvolinkChat -Model gpt-5.2 -Journal '{journal}' | Out-Null").TotalMilliseconds * 1000 / size, Array.Empty<double>());
            },
            () => (_shell.Time("$journalPrompts | Invoke-EvolinkChat -Model gpt-5.2 | Out-Null").TotalMilliseconds * 1000 / size, Array.Empty<double>()));
        return (fastest[0].Value, fastest[1].Value);
    }

    /// <summary>200 prompts the gateway answers after 200 ms each, at ThrottleLimit 16, with a journal and without (s).</summary>
    public (double With, double Without) DelayedBatch()
    {
        _shell.Run("$delayedPrompts = 1..200 | ForEach-Object { \"d $_\" }");
        var journal = Path.Combine(_folder, "delayed.jsonl");
        var fastest = Measure.FastestInTurn(1,
            () =>
            {
                File.Delete(journal);
                return (_shell.Time($"$delayedPrompts | Invoke-EvolinkChat -Model fake-delay-200 -ThrottleLimit 16 -Journal '{journal}' | Out-Null").TotalSeconds, Array.Empty<double>());
            },
            () => (_shell.Time("$delayedPrompts | Invoke-EvolinkChat -Model fake-delay-200 -ThrottleLimit 16 | Out-Null").TotalSeconds, Array.Empty<double>()));
        return (fastest[0].Value, fastest[1].Value);
    }

    /// <summary>
    /// Resumes the 100,000-line journal (99,000 answered): ms until the first new request reaches the gateway, seconds
    /// for the whole resume (every input output, 1,000 sent), and the process's peak resident set above idle (MiB).
    /// </summary>
    public (double FirstRequestMs, double WholeSeconds, double MemoryMiB) Resume()
    {
        var journal = Path.Combine(_folder, "resume.jsonl");
        File.Copy(ResumeBase, journal, overwrite: true);
        Interlocked.Exchange(ref _firstNew, 0);
        long start = 0, end = 0;
        var (before, highest) = Memory.During(() =>
        {
            start = Stopwatch.GetTimestamp();
            _shell.Run($"$resumeInputs | Invoke-EvolinkChat -Model bench-resume -ThrottleLimit 16 -MaximumRetryCount 0 -Journal '{journal}' | Out-Null");
            end = Stopwatch.GetTimestamp();
        });
        var answered = JournalAnswered(journal);
        if (answered != ResumeInputs)
            throw new InvalidOperationException($"the resumed journal answers {answered} inputs, not {ResumeInputs}");
        var first = Interlocked.Read(ref _firstNew);
        return ((first - start) * 1000.0 / Stopwatch.Frequency, (end - start) / (double)Stopwatch.Frequency, (highest - before) / 1048576.0);
    }

    /// <summary>The outcome of the kill soak: every input answered once, and what the gateway billed.</summary>
    public sealed record SoakResult(int Kills, int Answered, int AnsweredLines, int Outputs, int Billed, int Replayed, int InFlightAtKills, int Seed, double Seconds);

    /// <summary>
    /// A 2,000-input run in real pwsh, killed with SIGKILL at 20 random moments and run again each time, then to its
    /// end: each input answered exactly once, and the gateway billing no more than the inputs plus those in flight at the kills.
    /// </summary>
    public SoakResult Soak(ColdProcess cold, int seed)
    {
        var folder = Path.Combine(_folder, "soak");
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "prompts.txt"), Enumerable.Range(1, SoakInputs).Select(i => $"soak {i}"));
        var journal = Path.Combine(folder, "soak.jsonl");
        var command = $"Set-Location '{folder}'; Import-Module '{_manifest}'; " +
                      "Get-Content prompts.txt | Invoke-EvolinkChat -Model fake-delay-20 -ThrottleLimit 8 -MaximumRetryCount 0 -Journal ./soak.jsonl | Measure-Object | ForEach-Object Count";
        _gateway.KeepReplies = true;
        var billed = _gateway.Billed;
        var replayed = _gateway.Replayed;
        var random = new Random(seed);
        var inFlight = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            for (var kill = 0; kill < SoakKills; kill++)
            {
                using var process = cold.Start(command);
                Thread.Sleep(random.Next(400, 1600));
                inFlight += _gateway.InFlight;
                process.Kill();
                process.WaitForExit();
            }
            using var last = cold.Start(command);
            var outputs = int.Parse(last.StandardOutput.ReadToEnd().Trim());
            last.WaitForExit();
            var answered = AnsweredKeys(journal);
            return new SoakResult(SoakKills, answered.Distinct().Count(), answered.Count, outputs,
                _gateway.Billed - billed, _gateway.Replayed - replayed, inFlight, seed, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            _gateway.KeepReplies = false;
        }
    }

    public sealed record ShardResult(int Inputs, int Sent, int Merged, bool InOrder, double ShardsSeconds, double OneSeconds);

    /// <summary>The same inputs split 4 ways in 4 processes at once, merged back; and in one process, for comparison.</summary>
    public ShardResult Shards(ColdProcess cold)
    {
        var folder = Path.Combine(_folder, "shards");
        Directory.CreateDirectory(folder);
        var prompts = Enumerable.Range(1, ShardInputs).Select(i => $"shard input {i}").ToArray();
        File.WriteAllLines(Path.Combine(folder, "prompts.txt"), prompts);
        string Command(string extra) => $"Set-Location '{folder}'; Import-Module '{_manifest}'; " +
                                        $"Get-Content prompts.txt | Invoke-EvolinkChat -Model fake-delay-20 -ThrottleLimit 8 {extra} | Out-Null";
        var sentBefore = _gateway.ChatRequestCount;
        var clock = Stopwatch.StartNew();
        var shards = Enumerable.Range(1, 4).Select(i => cold.Start(Command($"-Shard {i}/4 -Journal ./shard-{i}.jsonl"))).ToList();
        foreach (var shard in shards)
        {
            shard.StandardOutput.ReadToEnd();
            shard.WaitForExit();
            shard.Dispose();
        }
        var shardsSeconds = clock.Elapsed.TotalSeconds;
        var sent = _gateway.ChatRequestCount - sentBefore;
        var merged = _shell.Lines($"Merge-EvolinkJournal '{folder}/shard-*.jsonl' -AsText");
        clock.Restart();
        using (var one = cold.Start(Command(string.Empty)))
        {
            one.StandardOutput.ReadToEnd();
            one.WaitForExit();
        }
        return new ShardResult(ShardInputs, sent, merged.Count, merged.SequenceEqual(prompts), shardsSeconds, clock.Elapsed.TotalSeconds);
    }

    private static int JournalAnswered(string journal) => AnsweredKeys(journal).Distinct().Count();

    private static List<string> AnsweredKeys(string journal)
    {
        var keys = new List<string>();
        foreach (var line in File.ReadLines(journal))
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.GetProperty("error").ValueKind == JsonValueKind.Null)
                keys.Add(document.RootElement.GetProperty("custom_id").GetString()!);
        }
        return keys;
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
