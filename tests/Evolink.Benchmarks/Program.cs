using Evolink.Testing;
using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using Evolink.Benchmarks;
using FakeEvolink;

// dotnet run -c Release --project tests/Evolink.Benchmarks [-- --quick] [-- --no-write] [-- --history] [-- --hostile] [-- --schema] [-- --sse]
if (args.Length == 3 && args[0] == "--cold")
    return await ColdStart.ChildAsync(args[1], new Uri(args[2]));

if (args.Length == 4 && args[0] is "--hostile-case" or "--hostile-idle")
    return await HostileMemory.ChildAsync(args[0], new Uri(args[1]), args[2], bool.Parse(args[3]));

if (args.Contains("--history"))
    return HistoryBench.Run(args.Contains("--quick") ? 20_000 : 100_000, args.Contains("--quick") ? 3 : 7);

if (args.Contains("--schema"))
{
    // Checking a reply against its JSON schema (JsonSchema.Net 8.0.5 behind SchemaChecks), beside parsing it.
    foreach (var line in SchemaBench.Run(schema => { var check = Evolink.Structured.SchemaChecks.For(schema); return reply => check.Check(reply).Count; }, args.Contains("--quick") ? 3 : 9))
        Console.WriteLine(line);
    return 0;
}

if (args.Contains("--sse"))
{
    // The engine's SSE reader against .NET's SseParser over the same bytes.
    foreach (var line in await SseBench.RunAsync(args.Contains("--quick") ? 3 : 9))
        Console.WriteLine(line);
    return 0;
}

if (args.Contains("--hostile"))
    return await HostileMemory.RunAsync(args.Contains("--quick") ? 1 : 3);

if (args.Contains("--cold-only"))
{
    await using var coldGateway = await FakeGateway.StartAsync();
    foreach (var r in ColdStart.Run(coldGateway.BaseUri, 9))
        Console.WriteLine($"{r.Name}: {r.MedianMilliseconds:0} ms");
    return 0;
}

if (args.Contains("--breakdown"))
{
    await Breakdown.RunAsync();
    return 0;
}

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var quick = args.Contains("--quick");
var write = !args.Contains("--no-write");
var report = new StringBuilder();
void Line(string text = "")
{
    Console.WriteLine(text);
    report.AppendLine(text);
}

await using var gateway = await FakeGateway.StartAsync();
Latency.AddScenario(gateway, chunks: quick ? 100 : 300, gap: TimeSpan.FromMilliseconds(2));
var batchDelay = TimeSpan.FromMilliseconds(200);
BatchBench.AddScenario(gateway, batchDelay);

Line("# Evolink engine performance");
Line();
Line($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}, " +
     $"{RuntimeInformation.ProcessArchitecture}; OpenAI .NET SDK {typeof(OpenAI.Chat.ChatClient).Assembly.GetName().Version}. " +
     "Produced by `dotnet run -c Release --project tests/Evolink.Benchmarks`; medians over several runs after warm-up. " +
     "The engine alone against the OpenAI .NET SDK, which the module benchmark (performance.md) cannot show; what users run is measured there.");
Line();

var runs = quick ? 3 : 7;
var throughput = await Throughput.RunAsync(quick ? 10 : 16, runs);
var ours = throughput[0];
Line($"## 1. Streaming parse throughput ({throughput[0].Chunks:N0} chunks, ≥ {(quick ? 10 : 16)} MB recorded stream replayed from memory, median of {runs})");
Line();
Line("| reader | MB/s | bytes allocated per chunk | Evolink ÷ this (speed) |");
Line("| --- | ---: | ---: | ---: |");
foreach (var r in throughput)
    Line($"| {r.Name} | {r.MegabytesPerSecond:0.0} | {r.BytesAllocatedPerChunk:0} | {ours.MegabytesPerSecond / r.MegabytesPerSecond:0.00}× |");
Line();

var latency = await Latency.RunAsync(gateway, quick ? 2 : 5);
Line("## 2. Added latency, server write to consumer, loopback (µs)");
Line();
Line("| client | median | p99 | samples |");
Line("| --- | ---: | ---: | ---: |");
foreach (var r in latency)
    Line($"| {r.Name} | {r.MedianMicroseconds:0} | {r.P99Microseconds:0} | {r.Samples} |");
Line();

var limits = quick ? new[] { 4, 16, 64 } : new[] { 1, 4, 16, 64 };
var batch = await BatchBench.RunAsync(gateway, 200, batchDelay, limits);
Line($"## 3. Batch: 200 prompts, gateway answers each after {batchDelay.TotalMilliseconds:0} ms");
Line();
Line("| ThrottleLimit | wall (s) | ideal (s) | wall ÷ ideal | failed |");
Line("| ---: | ---: | ---: | ---: | ---: |");
foreach (var r in batch)
    Line($"| {r.ThrottleLimit} | {r.Seconds:0.00} | {r.IdealSeconds:0.00} | {r.Seconds / r.IdealSeconds:0.00} | {r.Failed} |");
Line();

var memory = await MemoryBench.RunAsync(50);
Line("## 4. Peak managed memory while streaming a 50 MB reply");
Line();
Line("| reply (MB) | peak above baseline (MB) | peak ÷ reply | assembled text (MB, UTF-16) |");
Line("| ---: | ---: | ---: | ---: |");
Line($"| {memory.ReplyMegabytes:0} | {memory.PeakMegabytes:0.0} | {memory.PeakMegabytes / memory.ReplyMegabytes:0.00} | {memory.TextMegabytes:0.0} |");
Line();

var cold = ColdStart.Run(gateway.BaseUri, quick ? 3 : 9);
Line("## 5. Cold start: process start to first reply (ms, median)");
Line();
Line("| client | ms | Evolink ÷ this |");
Line("| --- | ---: | ---: |");
foreach (var r in cold)
    Line($"| {r.Name} | {r.MedianMilliseconds:0} | {cold[0].MedianMilliseconds / r.MedianMilliseconds:0.00}× |");
Line();

var sdk = throughput[1];
var floor = throughput[2];
var at16 = batch.FirstOrDefault(b => b.ThrottleLimit == 16);
Line("## Targets");
Line();
Line($"- Throughput ≥ 2× the OpenAI SDK: {ours.MegabytesPerSecond / sdk.MegabytesPerSecond:0.00}× — {(ours.MegabytesPerSecond >= 2 * sdk.MegabytesPerSecond ? "met" : "missed")}");
Line($"- Throughput within 2× of the floor: the engine reads at {ours.MegabytesPerSecond / floor.MegabytesPerSecond:0.00}× the floor's speed — {(floor.MegabytesPerSecond <= 2 * ours.MegabytesPerSecond ? "met" : "missed")}");
Line($"- Allocations per chunk a fraction of the SDK's: {ours.BytesAllocatedPerChunk / sdk.BytesAllocatedPerChunk:0.00} of it — {(ours.BytesAllocatedPerChunk < sdk.BytesAllocatedPerChunk ? "met" : "missed")}");
Line($"- Added latency under 1 ms median: {latency[0].MedianMicroseconds:0} µs — {(latency[0].MedianMicroseconds < 1000 ? "met" : "missed")}");
if (at16 is not null)
    Line($"- Batch at ThrottleLimit 16 within 1.25× of ideal: {at16.Seconds / at16.IdealSeconds:0.00}× — {(at16.Seconds <= 1.25 * at16.IdealSeconds ? "met" : "missed")}");
Line($"- Peak memory under 2× the reply: {memory.PeakMegabytes / memory.ReplyMegabytes:0.00}× — {(memory.PeakMegabytes < 2 * memory.ReplyMegabytes ? "met" : "missed")}");
Line($"- Cold start no slower than the SDK: {cold[0].MedianMilliseconds:0} ms against {cold[1].MedianMilliseconds:0} ms — {(cold[0].MedianMilliseconds <= cold[1].MedianMilliseconds ? "met" : "missed")}");

if (write)
{
    var docs = FindDocs();
    File.WriteAllText(Path.Combine(docs, "performance-engine.md"), report.ToString());
    Console.WriteLine($"\nWritten to {Path.Combine(docs, "performance-engine.md")}");
}
return 0;

static string FindDocs() => RepositoryPaths.File("docs");
