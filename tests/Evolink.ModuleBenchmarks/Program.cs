using Evolink.Testing;
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Evolink.ModuleBenchmarks;
using FakeEvolink;

// dotnet run -c Release --project tests/Evolink.ModuleBenchmarks [-- --quick] [-- --no-write]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var manifest = Path.Combine(AppContext.BaseDirectory, "module", "Evolink", "Evolink.psd1");
if (args.Length == 1 && args[0] == "--import-child")
    return ColdStart.Child(manifest);

var quick = args.Contains("--quick");
// --stream: only the long stream, over more runs (for trying a change to the stream path).
var streamOnly = args.Contains("--stream");
var write = !args.Contains("--no-write") && !streamOnly;
var runs = streamOnly ? 9 : quick ? 3 : 5;
var report = new StringBuilder();
void Line(string text = "")
{
    Console.WriteLine(text);
    report.AppendLine(text);
}

await using var gateway = await FakeGateway.StartAsync();
var longStream = LongStream.Add(gateway, megabytes: quick ? 5 : 20);
var config = Path.Combine(Path.GetTempPath(), "evolink-bench-" + Guid.NewGuid().ToString("N"));
Environment.SetEnvironmentVariable("EVOLINK_API_KEY", gateway.ApiKey);
Environment.SetEnvironmentVariable("EVOLINK_BASE_URL", gateway.BaseUri.ToString());
Environment.SetEnvironmentVariable("EVOLINK_CONFIG", Path.Combine(config, "config.json"));

Line("# Evolink performance");
Line();
Line($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}, " +
     $"PowerShell {typeof(PSObject).Assembly.GetName().Version} in-process. Produced by `dotnet run -c Release --project tests/Evolink.ModuleBenchmarks`: " +
     $"the module imported from its shipping layout into the real engine, against the fake gateway on loopback. Every figure is a median with its min–max over {runs} interleaved runs; " +
     "a target is met only when its whole range meets it. A full garbage collection runs before each timed run, on both sides. Engine-only figures (parse throughput against the OpenAI .NET SDK, added latency, hostile replies) are in performance-engine.md and hostile-replies.md.");
Line();

if (!streamOnly)
{
    var cold = ColdStart.Run(runs);
    Line("## 1. Cold start, each in a new process (ms)");
    Line();
    Line("| step | median (min–max) |");
    Line("| --- | ---: |");
    Line($"| Import-Module Evolink | {cold.Import.Show("0")} |");
    Line($"| first Invoke-EvolinkChat after it | {cold.FirstCall.Show("0")} |");
    Line();
}

using var shell = new BenchShell(manifest);
using var floors = new Floors(gateway.BaseUri, gateway.ApiKey);
shell.Run("Invoke-EvolinkChat 'warm up' | Out-Null; 1..20 | ForEach-Object { \"w $_\" } | Invoke-EvolinkChat -ThrottleLimit 4 | Out-Null");
await floors.ChatAsync("gpt-5.2", new[] { "warm up" }, 1);

var limits = new[] { 1, 4, 16, 64 };
var batchModule = limits.ToDictionary(l => l, _ => new Figure());
var batchFloor = limits.ToDictionary(l => l, _ => new Figure());
var sizes = quick ? new[] { 100, 1000 } : new[] { 100, 1000, 5000 };
var callModule = sizes.ToDictionary(s => s, _ => new Figure());
var callFloor = sizes.ToDictionary(s => s, _ => new Figure());
if (!streamOnly)
{
    // 2. Batches against a gateway that answers each request after 50 ms.
    const int batchSize = 100, delayMs = 50;
    var prompts = Enumerable.Range(1, batchSize).Select(i => $"prompt {i}").ToArray();
    for (var run = 0; run < runs; run++)
        foreach (var limit in limits)
        {
            // The prompts are made before the clock starts, as the floor's are.
            shell.Run($"$prompts = 1..{batchSize} | ForEach-Object {{ \"prompt $_\" }}");
            batchModule[limit].Add(shell.Time($"$prompts | Invoke-EvolinkChat -Model fake-delay-{delayMs} -ThrottleLimit {limit} | Out-Null").TotalSeconds);
            BenchShell.Settle();
            var clock = Stopwatch.StartNew();
            await floors.ChatAsync($"fake-delay-{delayMs}", prompts, limit);
            batchFloor[limit].Add(clock.Elapsed.TotalSeconds);
        }
    Line($"## 2. A piped batch: {batchSize} prompts, the gateway answers each after {delayMs} ms (s)");
    Line();
    Line("| ThrottleLimit | ideal | module | raw HttpClient, same concurrency | module ÷ raw | module ÷ ideal |");
    Line("| ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var limit in limits)
    {
        var ideal = Math.Ceiling(batchSize / (double)limit) * delayMs / 1000.0;
        Line($"| {limit} | {ideal:0.00} ({Math.Ceiling(batchSize / (double)limit):0} rounds) | {batchModule[limit].Show("0.00")} | {batchFloor[limit].Show("0.00")} | {batchModule[limit].Over(batchFloor[limit]).Show("0.00")} | {batchModule[limit].Median / ideal:0.00} |");
    }
    Line();

    // 3. Per-call overhead with no delay at all: what the module adds to each call.
    // Each run keeps the fastest of five batches on each side, the sides taking turns: the module hands every call between
    // the pipeline thread and the thread pool, and on two shared cores those wake-ups now and then stall for a whole batch.
    for (var run = 0; run < runs; run++)
        foreach (var size in sizes)
        {
            shell.Run($"$prompts = 1..{size} | ForEach-Object {{ \"p $_\" }}");
            var list = Enumerable.Range(1, size).Select(i => $"p {i}").ToArray();
            var fastest = Measure.FastestInTurn(5,
                () => (shell.Time("$prompts | Invoke-EvolinkChat -Model gpt-5.2 | Out-Null").TotalMilliseconds * 1000 / size, Array.Empty<double>()),
                () =>
                {
                    BenchShell.Settle();
                    var clock = Stopwatch.StartNew();
                    floors.ChatAsync("gpt-5.2", list, 1).GetAwaiter().GetResult();
                    return (clock.Elapsed.TotalMilliseconds * 1000 / size, Array.Empty<double>());
                });
            callModule[size].Add(fastest[0].Value);
            callFloor[size].Add(fastest[1].Value);
        }
    Line("## 3. Per-call cost, one after another, no gateway delay (µs per call)");
    Line();
    Line("Each run keeps the fastest of five batches on each side, the sides taking turns.");
    Line();
    Line("| prompts | module | raw HttpClient | module ÷ raw |");
    Line("| ---: | ---: | ---: | ---: |");
    foreach (var size in sizes)
        Line($"| {size:N0} | {callModule[size].Show("0")} | {callFloor[size].Show("0")} | {callModule[size].Over(callFloor[size]).Show("0.00")} |");
    Line($"\nCost growth from {sizes[0]} to {sizes[^1]:N0} prompts: {callModule[sizes[^1]].Median / callModule[sizes[0]].Median:0.00}× per call (1.00× is flat).");
    Line();
}

// 5. Memory, measured before the long stream so its 20 MB bodies are not in the idle figure: the process's resident set,
// idle with the module imported, and at its peak during a 1,000-prompt batch whose outputs are not kept.
(Figure Idle, Figure Peak, Figure Share, double TextMegabytes)? measured = streamOnly ? null : Memory.Measure(shell, runs);

// 4. A long stream: to the host as it arrives, as chunk objects, through the engine alone, and the floor.
// One read of it takes well under 0.1 s, and on two shared cores one scheduling stall can double that;
// so each run reads it three times back to back with each reader and keeps the fastest read, the same for every reader.
var streamHost = new Figure(); var firstText = new Figure(); var streamCpu = new Figure();
var asChunk = new Figure(); var engine = new Figure(); var streamFloor = new Figure();
// The engine and the floor are each called from here, their clients made once before the clock starts.
var engineReader = new EngineReader(gateway.BaseUri, gateway.ApiKey);
// The parse alone: the same stream replayed from memory to the engine and to the floor, with no gateway or socket in the way.
var replay = new Evolink.Testing.ReplayHandler(() => new MemoryStream(longStream.Body, writable: false));
var replayUri = new Uri("https://replay.invalid/");
using var replayFloors = new Floors(replayUri, gateway.ApiKey, replay);
var replayEngine = new EngineReader(replayUri, gateway.ApiKey, replay);
var engineParse = new Figure(); var floorParse = new Figure();
const int tries = 3;
double Read(Func<int> read, string name)
{
    BenchShell.Settle();
    var clock = Stopwatch.StartNew();
    var decoded = read();
    var took = clock.Elapsed.TotalMilliseconds;
    if (decoded != longStream.TextCharacters)
        throw new InvalidOperationException($"{name} decoded {decoded} of {longStream.TextCharacters} characters");
    return took;
}
// Three unmeasured rounds first: the runtime compiles the hot code of every reader (module, engine, floor) to its final form.
const int warmUp = 3;
for (var run = 0; run < runs + warmUp; run++)
{
    var fastest = Measure.FastestInTurn(tries,
        () =>
        {
            BenchShell.Settle();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            shell.Host.Screen.Start();
            // Settled above, before the CPU and the host's clock start.
            var wall = shell.Time("Invoke-EvolinkChat 'go' -Model bench-long -Stream | Out-Null", settle: false);
            if (shell.Host.Screen.Characters < longStream.TextCharacters)
                throw new InvalidOperationException($"the host saw {shell.Host.Screen.Characters} of {longStream.TextCharacters} characters");
            return (wall.TotalMilliseconds, new[] { shell.Host.Screen.FirstText!.Value.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds });
        },
        () => (shell.Time("Invoke-EvolinkChat 'go' -Model bench-long -AsChunk | Out-Null").TotalMilliseconds, Array.Empty<double>()),
        () => (Read(() => engineReader.Read("bench-long"), "the engine"), Array.Empty<double>()),
        () => (Read(() => floors.StreamAsync("bench-long").GetAwaiter().GetResult(), "the floor"), Array.Empty<double>()),
        () => (Read(() => replayEngine.Read("bench-long"), "the replayed engine"), Array.Empty<double>()),
        () => (Read(() => replayFloors.StreamAsync("bench-long").GetAwaiter().GetResult(), "the replayed floor"), Array.Empty<double>()));
    var (shown, chunk, alone, floor, parsed, floorParsed) = (fastest[0], fastest[1], fastest[2], fastest[3], fastest[4], fastest[5]);
    if (run < warmUp)
        continue;
    engineParse.Add(parsed.Value);
    floorParse.Add(floorParsed.Value);
    streamHost.Add(shown.Value);
    firstText.Add(shown.With[0]);
    streamCpu.Add(shown.With[1]);
    asChunk.Add(chunk.Value);
    engine.Add(alone.Value);
    streamFloor.Add(floor.Value);
}
Line($"## 4. A long stream: {longStream.Bytes / 1024.0 / 1024.0:0.0} MB of events, {longStream.Chunks:N0} chunks, {longStream.TextCharacters / 1024.0 / 1024.0:0.00} M characters of text (ms)");
Line();
Line($"Each run reads the stream {tries} times with each reader, the readers taking turns, and keeps each reader's fastest read.");
Line();
Line("| reader | to last byte | ÷ engine | ÷ floor |");
Line("| --- | ---: | ---: | ---: |");
Line($"| Invoke-EvolinkChat -Stream, shown on the host (first text after {firstText.Show("0")} ms; CPU {streamCpu.Show("0")} ms) | {streamHost.Show("0")} | {streamHost.Over(engine).Show("0.00")} | {streamHost.Over(streamFloor).Show("0.00")} |");
Line($"| Invoke-EvolinkChat -AsChunk \\| Out-Null | {asChunk.Show("0")} | {asChunk.Over(engine).Show("0.00")} | {asChunk.Over(streamFloor).Show("0.00")} |");
Line($"| the engine alone (EvolinkClient.StreamAsync, assembled; the module's Evolink.Core called directly, like the floor) | {engine.Show("0")} | 1.00 | {engine.Over(streamFloor).Show("0.00")} |");
Line($"| floor: HttpClient, lines found with IndexOf, Utf8JsonReader, text appended | {streamFloor.Show("0")} | | 1.00 |");
Line();
Line("Over loopback both the engine and the floor wait on the in-process gateway writing 20 MB, so their ratio says little about parsing. The parse alone, the same bytes replayed from memory through HttpClient (no socket, no gateway):");
Line();
Line("| reader | to last byte | ÷ floor |");
Line("| --- | ---: | ---: |");
Line($"| the engine (EvolinkClient.StreamAsync, assembled) | {engineParse.Show("0")} | {engineParse.Over(floorParse).Show("0.00")} |");
Line($"| floor: lines found with IndexOf, Utf8JsonReader, text appended | {floorParse.Show("0")} | 1.00 |");
Line();

if (measured is not { } memory)
    return 0;

Line("## 5. Memory: resident set of the process (MiB)");
Line();
Line("| state | MiB |");
Line("| --- | ---: |");
Line($"| before the batch: the whole benchmark process, module imported, fake gateway in it | {memory.Idle.Show("0.0")} |");
Line($"| peak during `1..1000 \\| Invoke-EvolinkChat \\| Out-Null` | {memory.Peak.Show("0.0")} |");
Line($"| the batch's share (peak − idle) | {memory.Share.Show("0.0")} |");
Line($"| text the batch carried (prompts and replies, UTF-16) | {memory.TextMegabytes:0.00} |");
Line();

bool Within(Figure figure, double limit) => figure.Max <= limit;
var overhead = callModule[sizes[^1]].Over(callFloor[sizes[^1]]);
var streamOverEngine = streamHost.Over(engine);
var engineOverFloor = engineParse.Over(floorParse);
Line("## Targets (met only when the whole range meets them)");
Line();
Line($"- Per-call overhead at {sizes[^1]:N0} prompts within 1.5× of raw HttpClient: {overhead.Show("0.00")} — {(Within(overhead, 1.5) ? "met" : "missed")}");
Line($"- `-Stream` to the host within 2× of the engine's parse of the same stream: {streamOverEngine.Show("0.00")} — {(Within(streamOverEngine, 2) ? "met" : "missed")}");
Line($"- The engine's parse within 1.25× of the decoding floor (replayed from memory): {engineOverFloor.Show("0.00")} — {(Within(engineOverFloor, 1.25) ? "met" : "missed")}");
Line($"- The batch's memory over an idle runspace under 20 MiB for 1,000 prompts: {memory.Share.Show("0.0")} MiB — {(Within(memory.Share, 20) ? "met" : "missed")}");
var at16 = batchModule[16].Over(batchFloor[16]);
Line($"- A batch at ThrottleLimit 16 within 1.25× of raw HttpClient at the same concurrency: {at16.Show("0.00")} — {(Within(at16, 1.25) ? "met" : "missed")}");

if (write)
{
    var docs = RepositoryPaths.File("docs", "performance.md");
    File.WriteAllText(docs, report.ToString());
    Console.WriteLine($"\nWritten to {docs}");
}
if (Directory.Exists(config))
    Directory.Delete(config, recursive: true);
return 0;
