using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Evolink.Chat;
using Evolink.Credentials;
using Evolink.History;

namespace Evolink.Benchmarks;

/// <summary>
/// Search time of the history at 100,000 entries (about 1.5 KB each, as a
/// real chat's are): each query a median with min–max over interleaved runs,
/// beside two peers measured in the same run: a scan that parses every line
/// (what the store would cost without its raw-text test), and a scan that
/// only reads the lines (File.ReadLines) and looks for the text.
/// </summary>
internal static class HistoryBench
{
    private static readonly string[] Words = "the quick brown fox jumps over a lazy dog while PowerShell pipes text through Evolink at speed".Split(' ');

    public static int Run(int entries, int runs)
    {
        var folder = Path.Combine(Path.GetTempPath(), "evolink-history-bench-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "history.jsonl");
        try
        {
            var store = new HistoryStore(path);
            var write = Stopwatch.StartNew();
            for (var i = 0; i < entries; i++)
                store.Append(Entry(i), SecretRedactor.None);
            write.Stop();
            var size = new FileInfo(path).Length;
            Console.WriteLine($"History: {entries:N0} entries, {size / 1024.0 / 1024.0:0.0} MB, appended at {entries / write.Elapsed.TotalSeconds:N0} entries/s (one lock and one write each)");
            Console.WriteLine();

            var queries = new (string Name, HistoryQuery Query, string? Needle)[]
            {
                ("text, rare (10 hits)", new HistoryQuery { Text = "needle-in-haystack" }, "needle-in-haystack"),
                ("text, common (every 100th)", new HistoryQuery { Text = "zebra crossing" }, "zebra crossing"),
                ("model with a wildcard", new HistoryQuery { Model = "gpt-4*" }, null),
                ("failures only", new HistoryQuery { FailedOnly = true }, null),
                ("last 20, no filter", new HistoryQuery { Last = 20 }, null),
            };
            var times = queries.ToDictionary(q => q.Name, _ => new List<double>());
            var parseAll = new List<double>();
            var floor = new List<double>();
            var hits = new Dictionary<string, int>();
            for (var run = 0; run < runs + 1; run++)
            {
                foreach (var (name, query, _) in queries)
                {
                    var clock = Stopwatch.StartNew();
                    hits[name] = store.Find(query).Count();
                    if (run > 0)
                        times[name].Add(clock.Elapsed.TotalMilliseconds);
                }
                var parse = Stopwatch.StartNew();
                var parsed = ParseEveryLine(path, "needle-in-haystack");
                if (run > 0)
                    parseAll.Add(parse.Elapsed.TotalMilliseconds);
                var read = Stopwatch.StartNew();
                var found = ReadAndLook(path, "needle-in-haystack");
                if (run > 0)
                    floor.Add(read.Elapsed.TotalMilliseconds);
                if (parsed != hits["text, rare (10 hits)"] || found != parsed)
                    throw new InvalidOperationException($"the peers disagree: store {hits["text, rare (10 hits)"]}, parse-all {parsed}, raw {found}");
            }

            Console.WriteLine($"| query | hits | median ms | min–max ms |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (name, _, _) in queries)
                Console.WriteLine($"| {name} | {hits[name]:N0} | {Stats.Median(times[name]):0} | {times[name].Min():0}–{times[name].Max():0} |");
            Console.WriteLine($"| peer: parse every line, then match (rare text) | {hits["text, rare (10 hits)"]} | {Stats.Median(parseAll):0} | {parseAll.Min():0}–{parseAll.Max():0} |");
            Console.WriteLine($"| peer: File.ReadLines, look for the text, no parse | {hits["text, rare (10 hits)"]} | {Stats.Median(floor):0} | {floor.Min():0}–{floor.Max():0} |");
            Console.WriteLine();
            var rare = Stats.Median(times["text, rare (10 hits)"]);
            Console.WriteLine($"Rare-text search: {Stats.Median(parseAll) / rare:0.0}× faster than parsing every line, {rare / Stats.Median(floor):0.00}× a plain File.ReadLines scan that parses nothing.");
            Console.WriteLine();
            var (seconds, peak) = PeakManaged(() => store.Clear(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(entries / 2)));
            Console.WriteLine($"Clearing the older half: {seconds:0.00} s, managed heap peak {peak / 1048576.0:0} MB above the start (file {size / 1048576.0:0} MB).");
            return 0;
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>How long an action takes and how far the managed heap rose above where it started (sampled every 2 ms).</summary>
    private static (double Seconds, long Peak) PeakManaged(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var start = GC.GetTotalMemory(true);
        long peak = 0;
        var done = false;
        var sampler = new System.Threading.Thread(() =>
        {
            while (!System.Threading.Volatile.Read(ref done))
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false) - start);
                System.Threading.Thread.Sleep(2);
            }
        });
        sampler.Start();
        var clock = Stopwatch.StartNew();
        action();
        clock.Stop();
        System.Threading.Volatile.Write(ref done, true);
        sampler.Join();
        return (clock.Elapsed.TotalSeconds, peak);
    }

    private static HistoryEntry Entry(int i)
    {
        var random = new Random(i);
        string Sentence(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
        var prompt = Sentence(35) + (i % 10_000 == 7 ? " needle-in-haystack" : string.Empty) + (i % 100 == 3 ? " zebra crossing" : string.Empty);
        return new HistoryEntry
        {
            Time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
            Model = (i % 3) switch { 0 => "gpt-4o", 1 => "gemini-2.5-flash", _ => "claude-sonnet-4" },
            Messages = { ChatMessage.System("You are a helpful admin assistant. Be brief."), ChatMessage.User(prompt) },
            Reply = i % 50 == 0 ? null : Sentence(180),
            ErrorKind = i % 50 == 0 ? "RateLimited" : null,
            Error = i % 50 == 0 ? "The Evolink gateway answered HTTP 429." : null,
            Usage = new Usage { PromptTokens = 60, CompletionTokens = 240, TotalTokens = 300 },
            DurationMs = 800 + i % 700,
            RequestId = $"req-{i:D8}",
            Command = "Get-Content prompts.txt | Invoke-EvolinkChat -ThrottleLimit 8",
        };
    }

    private static int ParseEveryLine(string path, string text)
    {
        var count = 0;
        foreach (var line in File.ReadLines(path))
        {
            using var document = JsonDocument.Parse(line);
            var messages = document.RootElement.GetProperty("messages");
            var prompt = messages[messages.GetArrayLength() - 1].GetProperty("content").GetString() ?? string.Empty;
            var reply = document.RootElement.TryGetProperty("reply", out var r) ? r.GetString() ?? string.Empty : string.Empty;
            if (prompt.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0 || reply.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0)
                count++;
        }
        return count;
    }

    private static int ReadAndLook(string path, string text) =>
        File.ReadLines(path).Count(line => line.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0);
}
