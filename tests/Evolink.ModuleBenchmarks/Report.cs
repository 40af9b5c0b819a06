using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Text;

namespace Evolink.ModuleBenchmarks;

/// <summary>Every figure of one run of the benchmark, each a median with its range over the run's repeats.</summary>
internal sealed class RunFigures
{
    public const int BatchSize = 100;
    public const int DelayMs = 50;
    public static readonly int[] Limits = { 1, 4, 16, 64 };

    public static int[] Sizes(bool quick) => quick ? new[] { 100, 1000 } : new[] { 100, 1000, 5000 };

    public string Load = "not known";
    public readonly Figure Bare = new(), FloorImport = new(), Import = new(), ConsoleBare = new(), ConsoleImport = new();
    public readonly Figure FirstText = new(), FirstChunk = new(), FirstReply = new(), FirstRest = new(), FirstHttp = new();
    public readonly Figure ImportNoWarmUp = new(), FirstTextNoWarmUp = new(), FirstTextLater = new(), FirstTextLaterNoWarmUp = new(), FirstChunkLater = new();
    public readonly Dictionary<int, Figure> Batch = Limits.ToDictionary(l => l, _ => new Figure());
    public readonly Dictionary<int, Figure> BatchFloor = Limits.ToDictionary(l => l, _ => new Figure());
    public readonly Dictionary<int, Figure> Call = new[] { 100, 1000, 5000 }.ToDictionary(s => s, _ => new Figure());
    public readonly Dictionary<int, Figure> CallFloor = new[] { 100, 1000, 5000 }.ToDictionary(s => s, _ => new Figure());
    public readonly Figure CallBytes = new(), CallFloorBytes = new();
    public readonly Figure NoDelay = new(), NoDelayFloor = new();
    public readonly Figure ProgressOn = new(), ProgressOff = new();
    public (Figure Idle, Figure Peak, Figure Share, double TextMegabytes)? Memory;
    public readonly Figure StreamHost = new(), StreamFirstText = new(), StreamCpu = new(), AsChunk = new(), Engine = new(), StreamFloor = new(), StreamPlain = new(), StreamAgain = new();
    public readonly Figure EngineParse = new(), FloorParse = new(), ObjectsFloor = new();

    public readonly Figure JournalCall = new(), NoJournalCall = new(), JournalBatch = new(), NoJournalBatch = new();
    public readonly Figure ResumeFirstRequest = new(), ResumeWhole = new(), ResumeMemory = new();

    public bool HasRuns => JournalCall.Count > 0;

    public readonly Dictionary<int, Figure> FillSeconds = PropertiesBench.BatchSizes.ToDictionary(b => b, _ => new Figure());
    public readonly Dictionary<int, Figure> FillTokens = PropertiesBench.BatchSizes.ToDictionary(b => b, _ => new Figure());
    public readonly Dictionary<int, Figure> FillRequests = PropertiesBench.BatchSizes.ToDictionary(b => b, _ => new Figure());

    public bool HasFill => FillSeconds[1].Count > 0;

    public bool HasStream => Engine.Count > 0;

    /// <summary>The engine plus PowerShell's cost of passing as many objects down a pipeline: the least -AsChunk can take.</summary>
    public Figure AsChunkFloor => Engine.Plus(ObjectsFloor);

    public bool HasCold => Bare.Count > 0;
}

/// <summary>What is measured once, after the runs: the kill soak and the shards.</summary>
internal sealed record OnceFigures(RunsBench.SoakResult Soak, RunsBench.ShardResult Shards);

/// <summary>docs/performance.md: each figure run by run, the load each run had, and each target met only when every run meets it.</summary>
internal static class Report
{
    public static string Write(IReadOnlyList<RunFigures> runs, int repeats, LongStream stream, bool quick, OnceFigures? once)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.AppendLine(line);
        string Columns(Func<RunFigures, string> cell) => string.Join(" | ", runs.Select(cell));
        var header = string.Join(" | ", runs.Select((_, i) => $"run {i + 1}"));
        var rule = string.Join(" | ", runs.Select(_ => "---:"));
        var sizes = RunFigures.Sizes(quick);

        Line("# Evolink performance");
        Line();
        Line($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}; " +
             $"the module in-process in PowerShell {typeof(PSObject).Assembly.GetName().Version} (System.Management.Automation from NuGet), and new processes of the pinned pwsh 7.6.10 tool. " +
             "Produced by `dotnet run -c Release --project tests/Evolink.ModuleBenchmarks`: the module imported from its shipping layout, against the fake gateway on loopback. " +
             $"{runs.Count} consecutive runs; in each, every figure is a median with its min–max over {repeats} interleaved repeats, and a full garbage collection runs before each timed repeat, on both sides. " +
             "A target is met only when the whole range of every run meets it. Engine-only figures are in performance-engine.md and hostile-replies.md.");
        Line();
        Line($"| | {header} |");
        Line($"| --- | {rule} |");
        Line($"| machine load during the run (one-minute load average, mean and max) | {Columns(r => r.Load)} |");
        Line();

        if (runs[0].HasCold)
        {
            Line("## 1. New processes of pwsh 7.6.10 (ms)");
            Line();
            Line("Whole processes, timed from outside: `pwsh -NoProfile -NonInteractive -Command …`.");
            Line();
            Line($"| | {header} |");
            Line($"| --- | {rule} |");
            Line($"| `exit` (a bare start) | {Columns(r => r.Bare.Show("0"))} |");
            Line($"| `Import-Module Microsoft.PowerShell.Security` (a binary module PowerShell ships), over a bare start | {Columns(r => r.FloorImport.Minus(r.Bare).Show("0"))} |");
            Line($"| `Import-Module Evolink`, over a bare start | {Columns(r => r.Import.Minus(r.Bare).Show("0"))} |");
            Line($"| `Import-Module Evolink`, over the binary module PowerShell ships | {Columns(r => r.Import.Minus(r.FloorImport).Show("0"))} |");
            Line($"| `Import-Module Evolink` in a console session (PSReadLine loaded), over that session | {Columns(r => r.ConsoleImport.Minus(r.ConsoleBare).Show("0"))} |");
            Line($"| `Import-Module Evolink` with `EVOLINK_WARMUP=0` (no warm-up thread), over a bare start | {Columns(r => r.ImportNoWarmUp.Minus(r.Bare).Show("0"))} |");
            Line($"| what the warm-up thread adds to `Import-Module Evolink; exit` | {Columns(r => r.Import.Minus(r.ImportNoWarmUp).Show("0"))} |");
            Line();
            Line("The first call in a new process, after `Import-Module`: from a marker the process prints just before the call to the first text of the reply on its stdout; the gateway answers at once.");
            Line();
            Line($"| | {header} |");
            Line($"| --- | {rule} |");
            Line($"| `Invoke-EvolinkChat -Stream`: first text on the console | {Columns(r => r.FirstText.Show("0"))} |");
            Line($"| `Invoke-EvolinkChat -AsChunk`: first chunk in the pipeline | {Columns(r => r.FirstChunk.Show("0"))} |");
            Line($"| `(Invoke-EvolinkChat …).Text`: the whole reply | {Columns(r => r.FirstReply.Show("0"))} |");
            Line($"| `Invoke-RestMethod` to the same gateway, its first reply | {Columns(r => r.FirstRest.Show("0"))} |");
            Line($"| floor: `[Net.Http.HttpClient]` used from the script, its first reply (no cmdlet at all) | {Columns(r => r.FirstHttp.Show("0"))} |");
            Line($"| the first `-Stream` text ÷ the HttpClient floor | {Columns(r => r.FirstText.Over(r.FirstHttp).Show("0.00"))} |");
            Line($"| `-Stream`, first text, with `EVOLINK_WARMUP=0` | {Columns(r => r.FirstTextNoWarmUp.Show("0"))} |");
            Line($"| `-Stream`, first text, the call made a second after `Import-Module` (as at a console) | {Columns(r => r.FirstTextLater.Show("0"))} |");
            Line($"| the same with `EVOLINK_WARMUP=0` | {Columns(r => r.FirstTextLaterNoWarmUp.Show("0"))} |");
            Line($"| `-AsChunk`, first chunk, the call made a second after `Import-Module` | {Columns(r => r.FirstChunkLater.Show("0"))} |");
            Line();
            Line("The import starts a warm-up thread (about_Evolink, THE FIRST CALL): a streamed and a whole chat run through the engine in memory, the chat cmdlet itself runs in a runspace of its own (its requests answered in memory), and a connection refused on loopback starts the socket engine, so the first call's code is ready while the user is still typing. `EVOLINK_WARMUP=0` turns it off; the rows above show the first call both ways, at once and a second after the import, and what the thread adds to an import.");
            Line();
        }

        if (runs[0].Memory is not null)
        {
            Line($"## 2. A piped batch: {RunFigures.BatchSize} prompts, the gateway answers each after {RunFigures.DelayMs} ms (module ÷ raw HttpClient at the same concurrency)");
            Line();
            Line($"| ThrottleLimit | ideal (s) | {header} |");
            Line($"| ---: | ---: | {rule} |");
            foreach (var limit in RunFigures.Limits)
            {
                var ideal = Math.Ceiling(RunFigures.BatchSize / (double)limit) * RunFigures.DelayMs / 1000.0;
                Line($"| {limit} | {ideal:0.00} | {Columns(r => r.Batch[limit].Over(r.BatchFloor[limit]).Show("0.00"))} |");
            }
            Line();
            Line("## 3. Per-call cost, one call after another, no gateway delay");
            Line();
            Line("Each repeat keeps the fastest of five batches on each side, the sides taking turns. Microseconds per call, module (raw HttpClient), and their ratio.");
            Line();
            Line($"| prompts | {header} |");
            Line($"| ---: | {rule} |");
            foreach (var size in sizes)
            {
                Line($"| {size:N0}: µs | {Columns(r => $"{r.Call[size].Show("0")} ({r.CallFloor[size].Show("0")})")} |");
                Line($"| {size:N0}: ÷ raw | {Columns(r => r.Call[size].Over(r.CallFloor[size]).Show("0.00"))} |");
            }
            Line($"| growth, {sizes[^1]:N0} over {sizes[0]} (1.00 is flat) | {Columns(r => $"{r.Call[sizes[^1]].Median / r.Call[sizes[0]].Median:0.00}")} |");
            Line($"| {sizes[^1]:N0}: KB allocated a call, module (raw HttpClient); the gateway's share is in both | {Columns(r => $"{r.CallBytes.Show("0.0")} ({r.CallFloorBytes.Show("0.0")})")} |");
            Line($"| {sizes[^1]:N0}: KB allocated a call, module − raw | {Columns(r => r.CallBytes.Minus(r.CallFloorBytes).Show("0.0"))} |");
            Line();
            Line($"## 4. Throughput with no gateway delay: {(quick ? 1000 : 5000):N0} prompts at ThrottleLimit 16 (s)");
            Line();
            Line($"| | {header} |");
            Line($"| --- | {rule} |");
            Line($"| module | {Columns(r => r.NoDelay.Show("0.00"))} |");
            Line($"| raw HttpClient, 16 at once | {Columns(r => r.NoDelayFloor.Show("0.00"))} |");
            Line($"| module ÷ raw | {Columns(r => r.NoDelay.Over(r.NoDelayFloor).Show("0.00"))} |");
            Line();
            Line("## 5. Progress: 2,000 piped prompts with the progress a watching console gets, and with `$ProgressPreference = 'SilentlyContinue'` (ms)");
            Line();
            Line($"| | {header} |");
            Line($"| --- | {rule} |");
            Line($"| progress on | {Columns(r => r.ProgressOn.Show("0"))} |");
            Line($"| progress off | {Columns(r => r.ProgressOff.Show("0"))} |");
            Line($"| on ÷ off | {Columns(r => r.ProgressOn.Over(r.ProgressOff).Show("0.000"))} |");
            Line();
        }

        if (runs[0].HasStream)
        {
            Line($"## 6. A long stream: {stream.Bytes / 1024.0 / 1024.0:0.0} MB of events, {stream.Chunks:N0} chunks, {stream.TextCharacters / 1024.0 / 1024.0:0.00} M characters of text");
            Line();
            Line("Each repeat reads the stream 3 times with each reader, the readers taking turns, and keeps each reader's fastest read. The engine is the module's Evolink.Core called directly, like the floor (HttpClient, lines found with IndexOf, Utf8JsonReader, text appended).");
            Line();
            Line($"| | {header} |");
            Line($"| --- | {rule} |");
            Line($"| `-Stream`, shown on the host: ms to the last byte | {Columns(r => r.StreamHost.Show("0"))} |");
            Line($"| `-Stream`: first text after (ms) | {Columns(r => r.StreamFirstText.Show("0"))} |");
            Line($"| `-Stream` ÷ engine | {Columns(r => r.StreamHost.Over(r.Engine).Show("0.00"))} |");
            Line($"| `-Stream -NoMarkdown` (the host understands escape sequences, so the rows above render Markdown): ms | {Columns(r => r.StreamPlain.Show("0"))} |");
            Line($"| Markdown rendered ÷ not | {Columns(r => r.StreamHost.Over(r.StreamPlain).Show("0.00"))} |");
            Line($"| the same `-Stream` command read twice, first ÷ second (the same thing on both sides: how finely a ratio of these reads can tell) | {Columns(r => r.StreamHost.Over(r.StreamAgain).Show("0.00"))} |");
            Line($"| `-AsChunk \\| Out-Null`: ms | {Columns(r => r.AsChunk.Show("0"))} |");
            Line($"| `-AsChunk` ÷ engine | {Columns(r => r.AsChunk.Over(r.Engine).Show("0.00"))} |");
            Line($"| PowerShell passing {stream.Chunks:N0} objects to Out-Null, each made and written by a compiled cmdlet (`Write-ManyObjects`, the benchmark's own): ms | {Columns(r => r.ObjectsFloor.Show("0"))} |");
            Line($"| `-AsChunk` ÷ (engine + PowerShell passing as many objects) | {Columns(r => r.AsChunk.Over(r.AsChunkFloor).Show("0.00"))} |");
            Line($"| the engine alone: ms | {Columns(r => r.Engine.Show("0"))} |");
            Line($"| the floor: ms | {Columns(r => r.StreamFloor.Show("0"))} |");
            Line($"| the parse alone, replayed from memory: engine ÷ floor | {Columns(r => r.EngineParse.Over(r.FloorParse).Show("0.00"))} |");
            Line();
        }

        if (runs[0].Memory is not null)
        {
            Line("## 7. Memory: resident set of the process (MiB)");
            Line();
            Line($"| | {header} |");
            Line($"| --- | {rule} |");
            Line($"| idle: the whole benchmark process, module imported, fake gateway in it | {Columns(r => r.Memory!.Value.Idle.Show("0.0"))} |");
            Line($"| the share of `1..1000 \\| Invoke-EvolinkChat \\| Out-Null` (peak − idle) | {Columns(r => r.Memory!.Value.Share.Show("0.0"))} |");
            Line($"| text the batch carried (prompts and replies, UTF-16) | {Columns(r => $"{r.Memory!.Value.TextMegabytes:0.00}")} |");
            Line();
        }

        if (runs[0].HasRuns)
        {
            Line("## 8. Runs that remember");
            Line();
            Line($"Per-call cost of {(quick ? 1000 : 5000):N0} no-delay prompts with `-Journal` and without (fastest of five each, taking turns, µs); 200 prompts the gateway answers after 200 ms, at ThrottleLimit 16, with and without (s); " +
                 $"resuming a {RunsBench.ResumeInputs:N0}-line journal of which 99,000 are answered (every hundredth input failed the first time, so the first to send again is the 100th): " +
                 "from the command's start to the first new request at the gateway (ms), the whole resume (all 100,000 output, 1,000 sent; s), and the process's peak resident set above idle (MiB).");
            Line();
            Line($"| | {header} |");
            Line($"| --- | {rule} |");
            Line($"| per call with a journal: µs (without) | {Columns(r => $"{r.JournalCall.Show("0")} ({r.NoJournalCall.Show("0")})")} |");
            Line($"| per call: with ÷ without | {Columns(r => r.JournalCall.Over(r.NoJournalCall).Show("0.00"))} |");
            Line($"| 200 × 200 ms at ThrottleLimit 16: with a journal, s (without) | {Columns(r => $"{r.JournalBatch.Show("0.00")} ({r.NoJournalBatch.Show("0.00")})")} |");
            Line($"| 200 × 200 ms: with ÷ without | {Columns(r => r.JournalBatch.Over(r.NoJournalBatch).Show("0.000"))} |");
            Line($"| resume: first new request after (ms) | {Columns(r => r.ResumeFirstRequest.Show("0"))} |");
            Line($"| resume: the whole run (s) | {Columns(r => r.ResumeWhole.Show("0.0"))} |");
            Line($"| resume: peak memory above idle (MiB) | {Columns(r => r.ResumeMemory.Show("0.0"))} |");
            Line();
        }
        if (once is not null)
        {
            var soak = once.Soak;
            var shards = once.Shards;
            Line("## 9. Killed and resumed; split and merged (once, after the runs)");
            Line();
            Line($"A {RunsBench.SoakInputs:N0}-input run (`-Model fake-delay-20 -ThrottleLimit 8 -Journal`) in real pwsh, killed with SIGKILL {soak.Kills} times at random moments " +
                 $"(0.4–1.6 s after each start; seed {soak.Seed}) and run again each time, then to its end, against a gateway that keeps each answer for its idempotency key:");
            Line();
            Line($"- inputs answered in the journal: {soak.Answered:N0} of {RunsBench.SoakInputs:N0}, in {soak.AnsweredLines:N0} answered lines (each exactly once: {(soak.Answered == RunsBench.SoakInputs && soak.AnsweredLines == soak.Answered ? "yes" : "no")}); the last run output {soak.Outputs:N0} results");
            Line($"- requests the gateway billed: {soak.Billed:N0}; answered again from its copy (idempotent replays, not billed): {soak.Replayed:N0}; in flight at the kills, together: {soak.InFlightAtKills:N0}; " +
                 $"billed within inputs + in flight: {(soak.Billed <= RunsBench.SoakInputs + soak.InFlightAtKills ? "yes" : "no")}");
            Line($"- the whole soak: {soak.Seconds:0.0} s");
            Line();
            Line($"{shards.Inputs:N0} inputs (`-Model fake-delay-20 -ThrottleLimit 8`) split four ways (`-Shard i/4`, one journal each) in four pwsh processes at once on this machine, then merged with `Merge-EvolinkJournal`:");
            Line();
            Line($"- requests sent: {shards.Sent:N0}; merged results: {shards.Merged:N0}; the exact input set in input order, each once: {(shards.InOrder && shards.Sent == shards.Inputs ? "yes" : "no")}");
            Line($"- four shards at once: {shards.ShardsSeconds:0.0} s; the same inputs in one process: {shards.OneSeconds:0.0} s");
            Line();
        }

        if (runs[0].HasFill)
        {
            Line($"## 10. Objects in, objects out: {PropertiesBench.Objects:N0} objects through Add-EvolinkProperty");
            Line();
            Line("Four properties declared (a choice of four, an [int], a description, a [bool]), -InputProperty Title, Body, against the fake's fill model, " +
                 "which counts a prompt token per four bytes of the request's messages and response format. Prompt tokens per object (the same every repeat), requests, and wall time (s).");
            Line();
            Line($"| -BatchSize | {header} |");
            Line($"| ---: | {rule} |");
            foreach (var size in PropertiesBench.BatchSizes)
            {
                var name = size > 0 ? size.ToString() : "the default (no -BatchSize)";
                Line($"| {name}: prompt tokens per object | {Columns(r => r.FillTokens[size].Show("0.0"))} |");
                Line($"| {name}: requests | {Columns(r => r.FillRequests[size].Show("0"))} |");
                Line($"| {name}: s | {Columns(r => r.FillSeconds[size].Show("0.00"))} |");
            }
            Line($"| the default: prompt tokens ÷ at batch size 1 | {Columns(r => r.FillTokens[0].Over(r.FillTokens[1]).Show("0.00"))} |");
            Line($"| the default: time ÷ at batch size 1 | {Columns(r => r.FillSeconds[0].Over(r.FillSeconds[1]).Show("0.00"))} |");
            Line();
        }

        Line("## Targets (met only when the whole range of every run meets them)");
        Line();
        void Target(string name, Func<RunFigures, Figure> figure, double limit, string format)
        {
            var figures = runs.Select(figure).ToList();
            var met = figures.All(f => f.Count > 0 && f.Max <= limit);
            Line($"- {name}: {string.Join("; ", figures.Select(f => f.Show(format)))} — {(met ? "met" : "missed")}");
        }
        if (runs[0].HasCold)
        {
            Target("Import-Module within 50 ms of a bare pwsh start", r => r.Import.Minus(r.Bare), 50, "0");
            Target("Import-Module within 50 ms of importing a binary module PowerShell ships", r => r.Import.Minus(r.FloorImport), 50, "0");
            Target("First streamed text of the first call in a new process within 30 ms", r => r.FirstText, 30, "0");
            Target("First chunk of the first call in a new process within 30 ms", r => r.FirstChunk, 30, "0");
            Target("First streamed text of a call made a second after Import-Module within 30 ms", r => r.FirstTextLater, 30, "0");
            Target("First chunk of a call made a second after Import-Module within 30 ms", r => r.FirstChunkLater, 30, "0");
        }
        if (runs[0].Memory is not null)
        {
            Target($"Per-call cost at {sizes[^1]:N0} prompts within 1.2× raw HttpClient", r => r.Call[sizes[^1]].Over(r.CallFloor[sizes[^1]]), 1.2, "0.00");
            Target($"Per-call cost not growing from {sizes[0]} to {sizes[^1]:N0} prompts (≤ 1.00)", r => Figure.Of(r.Call[sizes[^1]].Median / r.Call[sizes[0]].Median), 1.0, "0.00");
            Target("No-delay throughput at ThrottleLimit 16 within 2× raw HttpClient", r => r.NoDelay.Over(r.NoDelayFloor), 2, "0.00");
            Target("A 50 ms batch at ThrottleLimit 16 within 1.25× raw HttpClient", r => r.Batch[16].Over(r.BatchFloor[16]), 1.25, "0.00");
            Target("Progress on within 2 % of progress off", r => r.ProgressOn.Over(r.ProgressOff), 1.02, "0.000");
            Target("The batch's memory over an idle runspace under 20 MiB for 1,000 prompts", r => r.Memory!.Value.Share, 20, "0.0");
        }
        if (runs[0].HasRuns)
        {
            Target("Per-call cost with -Journal within 1.10× of without", r => r.JournalCall.Over(r.NoJournalCall), 1.10, "0.00");
            Target("A 200 × 200 ms batch at ThrottleLimit 16 with -Journal within 2 % of without", r => r.JournalBatch.Over(r.NoJournalBatch), 1.02, "0.000");
            Target("Resuming a 100,000-line journal: the first new request within 1 s", r => r.ResumeFirstRequest, 1000, "0");
            Target("Resuming a 100,000-line journal: memory under 50 MiB above idle", r => r.ResumeMemory, 50, "0.0");
        }
        if (!runs[0].HasStream)
            return text.ToString();
        Target("`-Stream` to the host within 2× the engine", r => r.StreamHost.Over(r.Engine), 2, "0.00");
        Target("`-AsChunk` within 1.5× the engine", r => r.AsChunk.Over(r.Engine), 1.5, "0.00");
        Target("`-Stream` with Markdown rendered within 2 % of `-NoMarkdown`", r => r.StreamHost.Over(r.StreamPlain), 1.02, "0.00");
        Target("`-AsChunk` within 1.2× the engine plus PowerShell's cost of passing as many objects", r => r.AsChunk.Over(r.AsChunkFloor), 1.2, "0.00");
        Target("The engine's parse within 1.25× the decoding floor (replayed from memory)", r => r.EngineParse.Over(r.FloorParse), 1.25, "0.00");
        return text.ToString();
    }
}
