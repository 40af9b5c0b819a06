using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Text;
using Evolink.ModuleBenchmarks;
using Evolink.Testing;
using FakeEvolink;

// dotnet run -c Release --project tests/Evolink.ModuleBenchmarks [-- --runs 3] [-- --quick] [-- --no-write] [-- --stream] [-- --runs-only] [-- --properties] [-- --polling] [-- --journal] [-- --cold] [-- --loop [script]]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var manifest = Path.Combine(AppContext.BaseDirectory, "module", "Evolink", "Evolink.psd1");
var quick = args.Contains("--quick");
// The first call made in each new process by the first-call figures.
const string FirstPrompt = "Invoke-EvolinkChat 'hello from a new process'";
// --stream: only the long stream (for trying a change to the stream path).
var streamOnly = args.Contains("--stream");
// --runs-only: only the figures of runs that remember (journals, resume, the kill soak, shards).
var runsOnly = args.Contains("--runs-only");
// --properties: only the figures of Add-EvolinkProperty (batch sizes).
var propertiesOnly = args.Contains("--properties");
var write = !args.Contains("--no-write") && !streamOnly && !quick && !runsOnly && !propertiesOnly;
var runsAt = Array.IndexOf(args, "--runs");
// A published figure is met only when every one of three consecutive runs meets it on its whole range.
var runs = runsAt >= 0 ? int.Parse(args[runsAt + 1], CultureInfo.InvariantCulture) : quick || streamOnly || propertiesOnly ? 1 : 3;
var repeats = quick ? 3 : 5;

await using var gateway = await FakeGateway.StartAsync();
// The benchmark's requests are all one-off: the gateway keeps nothing for their idempotency keys.
gateway.KeepReplies = false;
gateway.RecordRequests = false;
var longStream = LongStream.Add(gateway, megabytes: quick ? 5 : 20);
var config = Path.Combine(Path.GetTempPath(), "evolink-bench-" + Guid.NewGuid().ToString("N"));
Environment.SetEnvironmentVariable("EVOLINK_API_KEY", gateway.ApiKey);
Environment.SetEnvironmentVariable("EVOLINK_BASE_URL", gateway.BaseUri.ToString());
Environment.SetEnvironmentVariable("EVOLINK_CONFIG", Path.Combine(config, "config.json"));
var cold = streamOnly || propertiesOnly ? null : new ColdProcess(ColdProcess.FindPwsh(RepositoryPaths.Root), new Dictionary<string, string>
{
    ["EVOLINK_API_KEY"] = gateway.ApiKey,
    ["EVOLINK_BASE_URL"] = gateway.BaseUri.ToString(),
    ["EVOLINK_CONFIG"] = Path.Combine(config, "config.json"),
    ["POWERSHELL_TELEMETRY_OPTOUT"] = "1",
    ["POWERSHELL_UPDATECHECK"] = "Off",
});

// --polling: only how waiting scales, 100 pending generation tasks in one job (printed, not written to the document).
if (args.Contains("--polling"))
{
    var polling = new PollingBench(gateway, manifest);
    var readsBy = new Dictionary<string, double[]>();
    foreach (var batchRead in new[] { "offered", "refused" })
    {
        using var load = new LoadSampler();
        var samples = polling.Measure(cold!, batchRead);
        readsBy[batchRead] = samples.Select(sample => sample.ReadsPerSecond).ToArray();
        foreach (var sample in samples)
        {
            Console.WriteLine($"{PollingBench.Tasks} pending tasks, batch read {batchRead}: {sample.ReadsPerSecond:0.0} reads/s ({sample.BatchReadsPerSecond:0.0} of them batch reads), " +
                              $"pwsh CPU {sample.CpuPercent:0.0} % of a core, working set {sample.WorkingSetMiB:0} MiB");
        }
        Console.WriteLine($"  load during it: {load.Describe()}");
    }
    var ratios = readsBy["offered"].Zip(readsBy["refused"], (offered, refused) => offered / refused).OrderBy(r => r).ToArray();
    Console.WriteLine($"reads a second, batch read offered ÷ refused, window by window: {ratios[ratios.Length / 2]:0.00} ({ratios[0]:0.00}–{ratios[^1]:0.00})");
    return 0;
}

// --cold: only the first call in new processes, 9 of each (for trying a change to the warm-up), printed, not written.
if (args.Contains("--cold"))
{
    using var load = new LoadSampler();
    var figures = new RunFigures();
    for (var i = 0; i < 9; i++)
    {
        figures.FirstText.Add(FirstText());
        figures.FirstChunk.Add(FirstChunk());
        figures.FirstTextLater.Add(FirstText(later: true));
        figures.FirstChunkLater.Add(FirstChunk(later: true));
    }
    Console.WriteLine($"first -Stream text right after Import-Module {figures.FirstText.Show("0")} ms, a second after it {figures.FirstTextLater.Show("0")} ms; " +
                      $"first -AsChunk chunk right after {figures.FirstChunk.Show("0")} ms, a second after {figures.FirstChunkLater.Show("0")} ms; load during it: {load.Describe()}");
    return 0;
}

using var shell = new BenchShell(manifest);
using var floors = new Floors(gateway.BaseUri, gateway.ApiKey);
shell.Run("Invoke-EvolinkChat 'warm up' | Out-Null; 1..20 | ForEach-Object { \"w $_\" } | Invoke-EvolinkChat -ThrottleLimit 4 | Out-Null");
await floors.ChatAsync("gpt-5.2", new[] { "warm up" }, 1);
var engineReader = new EngineReader(gateway.BaseUri, gateway.ApiKey);
var replay = new ReplayHandler(() => new MemoryStream(longStream.Body, writable: false));
var replayUri = new Uri("https://replay.invalid/");
using var replayFloors = new Floors(replayUri, gateway.ApiKey, replay);
var replayEngine = new EngineReader(replayUri, gateway.ApiKey, replay);

// --journal: only the per-call cost with -Journal and without (for trying a change to the journal path), printed, not written.
// --loop [script]: one script (by default the long stream written as chunks) timed 25 times in the benchmark's shell after 5
// unmeasured runs, printed (for trying a change to one path against a copy of this folder with another build of the module).
var loopAt = Array.IndexOf(args, "--loop");
if (loopAt >= 0)
{
    var script = loopAt + 1 < args.Length ? args[loopAt + 1] : "Invoke-EvolinkChat 'go' -Model bench-long -AsChunk | Out-Null";
    for (var i = 0; i < 5; i++)
        shell.Time(script);
    var collections = new[] { 0, 1, 2 }.Select(GC.CollectionCount).ToArray();
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var times = Enumerable.Range(0, 25).Select(_ => shell.Time(script).TotalMilliseconds).OrderBy(t => t).ToArray();
    // Each timed run starts with two full collections of its own (Settle): those are taken out of the gen-2 count.
    var perRun = new[] { 0, 1, 2 }.Select(g => (GC.CollectionCount(g) - collections[g] - 2 * 25) / 25.0).ToArray();
    Console.WriteLine($"{script}: {times[12]:0.0} ms ({times[0]:0.0}–{times[^1]:0.0}; middle half {times[6]:0.0}–{times[18]:0.0}); " +
                      $"a run allocates {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 25.0 / 1048576:0.0} MiB and collects gen 0/1/2 beyond Settle's {perRun[0]:0.0}/{perRun[1]:0.0}/{perRun[2]:0.0} times");
    return 0;
}

if (args.Contains("--journal"))
{
    using var journalOnly = new RunsBench(shell, gateway, manifest);
    using var load = new LoadSampler();
    var pairs = Enumerable.Range(0, 9).Select(_ => journalOnly.PerCall(5000)).ToList();
    var ratios = pairs.Select(p => p.With / p.Without).OrderBy(r => r).ToArray();
    string Median(IEnumerable<double> values) { var sorted = values.OrderBy(v => v).ToArray(); return $"{sorted[sorted.Length / 2]:0} ({sorted[0]:0}–{sorted[^1]:0})"; }
    Console.WriteLine($"5,000 no-delay prompts, µs a call: with -Journal {Median(pairs.Select(p => p.With))}, without {Median(pairs.Select(p => p.Without))}");
    Console.WriteLine($"with ÷ without, repeat by repeat: {ratios[ratios.Length / 2]:0.00} ({ratios[0]:0.00}–{ratios[^1]:0.00}); load during it: {load.Describe()}");
    return 0;
}

using var remember = streamOnly || propertiesOnly ? null : new RunsBench(shell, gateway, manifest);
var properties = streamOnly || runsOnly ? null : new PropertiesBench(shell, gateway);
remember?.PrepareResume();

var results = new List<RunFigures>();
for (var run = 0; run < runs; run++)
{
    Console.Error.WriteLine($"run {run + 1} of {runs}…");
    using var load = new LoadSampler();
    var figures = new RunFigures();
    if (cold is not null && !runsOnly)
        MeasureCold(figures);
    if (!streamOnly && !runsOnly && !propertiesOnly)
    {
        MeasureBatches(figures);
        MeasurePerCall(figures);
        MeasureNoDelay(figures);
        MeasureProgress(figures);
        figures.Memory = Memory.Measure(shell, repeats);
    }
    if (remember is not null)
        MeasureRuns(figures);
    if (properties is not null)
        MeasureProperties(figures);
    if (!runsOnly && !propertiesOnly)
        MeasureStream(figures);
    figures.Load = load.Describe();
    results.Add(figures);
    // What the process holds after each run: a figure that grows from run to run is something kept that should not be.
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using (var self = Process.GetCurrentProcess())
        Console.Error.WriteLine($"after run {run + 1}: managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MiB, resident {self.WorkingSet64 / 1048576.0:F0} MiB");
}
// Once, after the runs: a run killed again and again, and shards in parallel processes (correctness under load, and one time each).
var once = cold is null || remember is null ? null : new OnceFigures(remember.Soak(cold, seed: 20261207), remember.Shards(cold));
var report = Report.Write(results, repeats, longStream, quick, once);
Console.WriteLine(report);
if (write)
{
    var docs = RepositoryPaths.File("docs", "performance.md");
    File.WriteAllText(docs, report);
    Console.WriteLine($"Written to {docs}");
}
if (Directory.Exists(config))
    Directory.Delete(config, recursive: true);
return 0;

// 1. New processes of real pwsh: the whole process for Import-Module (against a bare start and against a binary
// module that ships with PowerShell), and how soon the first call's first text and first chunk arrive.
void MeasureCold(RunFigures f)
{
    var import = Import(later: false);
    var rest = $"Invoke-RestMethod -Method Post -Uri '{gateway.BaseUri}v1/chat/completions' -Headers @{{ Authorization = 'Bearer ' + $env:EVOLINK_API_KEY }} " +
               "-ContentType 'application/json' -Body '{\"model\":\"gpt-5.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hello from a new process\"}]}'";
    // The least any first call in a new pwsh can take: HttpClient itself, made and used from the script, no cmdlet at all.
    var http = "$c = [Net.Http.HttpClient]::new(); $m = [Net.Http.HttpRequestMessage]::new('Post', '" + gateway.BaseUri + "v1/chat/completions'); " +
               "$null = $m.Headers.TryAddWithoutValidation('Authorization', 'Bearer ' + $env:EVOLINK_API_KEY); " +
               "$m.Content = [Net.Http.StringContent]::new('{\"model\":\"gpt-5.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hello from a new process\"}]}', [Text.Encoding]::UTF8, 'application/json'); " +
               "[Console]::Out.Write($c.SendAsync($m).GetAwaiter().GetResult().Content.ReadAsStringAsync().GetAwaiter().GetResult())";
    for (var i = 0; i < repeats; i++)
    {
        f.Bare.Add(cold!.Wall("exit"));
        f.FloorImport.Add(cold.Wall("Import-Module Microsoft.PowerShell.Security; exit"));
        f.Import.Add(cold.Wall($"{import}; exit"));
        f.ConsoleBare.Add(cold.Wall("Import-Module PSReadLine; exit"));
        f.ConsoleImport.Add(cold.Wall($"Import-Module PSReadLine; {import}; exit"));
        f.FirstText.Add(FirstText());
        f.FirstChunk.Add(FirstChunk());
        f.FirstReply.Add(cold.FirstOutput(import, $"({FirstPrompt}).Text | ForEach-Object {{ [Console]::Out.Write($_) }}", "hello"));
        f.FirstRest.Add(cold.FirstOutput("$null = 1", $"({rest}).choices[0].message.content | ForEach-Object {{ [Console]::Out.Write($_) }}", "hello"));
        f.FirstHttp.Add(cold.FirstOutput("$null = 1", http, "hello"));
        f.ImportNoWarmUp.Add(cold.Wall($"{import}; exit", NoWarmUp()));
        f.FirstTextNoWarmUp.Add(FirstText(NoWarmUp()));
        f.FirstTextLater.Add(FirstText(later: true));
        f.FirstTextLaterNoWarmUp.Add(FirstText(NoWarmUp(), later: true));
        f.FirstChunkLater.Add(FirstChunk(later: true));
    }
}

// The first call's first output in a new process: right after the import, or a second after it (as at a console).
double FirstText(Dictionary<string, string>? environment = null, bool later = false) =>
    cold!.FirstOutput(Import(later), $"{FirstPrompt} -Stream | Out-Null", "hello", environment);
double FirstChunk(bool later = false) =>
    cold!.FirstOutput($"{Import(later)}; $each = {{ [Console]::Out.Write('@chunk@') }}", $"{FirstPrompt} -AsChunk | ForEach-Object $each", "@chunk@");
string Import(bool later) => later ? $"Import-Module '{manifest}'; Start-Sleep -Seconds 1" : $"Import-Module '{manifest}'";

// The import's warm-up thread turned off, to show what it gives and what it costs.
Dictionary<string, string> NoWarmUp() => new() { ["EVOLINK_WARMUP"] = "0" };

// 2. Batches against a gateway that answers each request after 50 ms.
void MeasureBatches(RunFigures f)
{
    var prompts = Enumerable.Range(1, RunFigures.BatchSize).Select(i => $"prompt {i}").ToArray();
    for (var i = 0; i < repeats; i++)
        foreach (var limit in RunFigures.Limits)
        {
            // The prompts are made before the clock starts, as the floor's are.
            shell.Run($"$prompts = 1..{RunFigures.BatchSize} | ForEach-Object {{ \"prompt $_\" }}");
            f.Batch[limit].Add(shell.Time($"$prompts | Invoke-EvolinkChat -Model fake-delay-{RunFigures.DelayMs} -ThrottleLimit {limit} | Out-Null").TotalSeconds);
            BenchShell.Settle();
            var clock = Stopwatch.StartNew();
            floors.ChatAsync($"fake-delay-{RunFigures.DelayMs}", prompts, limit).GetAwaiter().GetResult();
            f.BatchFloor[limit].Add(clock.Elapsed.TotalSeconds);
        }
}

// 3. Per-call cost with no delay at all, one call after another: what the module adds to each call. Each repeat keeps
// the fastest of five batches on each side, the sides taking turns: on two shared cores a wake-up now and then stalls a batch.
void MeasurePerCall(RunFigures f)
{
    foreach (var size in RunFigures.Sizes(quick))
        for (var i = 0; i < repeats; i++)
        {
            shell.Run($"$prompts = 1..{size} | ForEach-Object {{ \"p $_\" }}");
            var list = Enumerable.Range(1, size).Select(n => $"p {n}").ToArray();
            var fastest = Measure.FastestInTurn(5,
                () => (shell.Time("$prompts | Invoke-EvolinkChat -Model gpt-5.2 | Out-Null").TotalMilliseconds * 1000 / size, Array.Empty<double>()),
                () =>
                {
                    BenchShell.Settle();
                    var clock = Stopwatch.StartNew();
                    floors.ChatAsync("gpt-5.2", list, 1).GetAwaiter().GetResult();
                    return (clock.Elapsed.TotalMilliseconds * 1000 / size, Array.Empty<double>());
                });
            f.Call[size].Add(fastest[0].Value);
            f.CallFloor[size].Add(fastest[1].Value);
            if (size == RunFigures.Sizes(quick)[^1])
            {
                // What a call allocates, counted by the runtime: the module's batch, then the floor's (the in-process gateway's share is in both).
                var before = GC.GetTotalAllocatedBytes(precise: true);
                shell.Run("$prompts | Invoke-EvolinkChat -Model gpt-5.2 | Out-Null");
                var module = GC.GetTotalAllocatedBytes(precise: true) - before;
                before = GC.GetTotalAllocatedBytes(precise: true);
                floors.ChatAsync("gpt-5.2", list, 1).GetAwaiter().GetResult();
                var floor = GC.GetTotalAllocatedBytes(precise: true) - before;
                f.CallBytes.Add(module / 1024.0 / size);
                f.CallFloorBytes.Add(floor / 1024.0 / size);
            }
        }
}

// 4. Throughput with no delay: many prompts at ThrottleLimit 16, the floor at the same concurrency.
void MeasureNoDelay(RunFigures f)
{
    var size = quick ? 1000 : 5000;
    shell.Run($"$many = 1..{size} | ForEach-Object {{ \"p $_\" }}");
    var list = Enumerable.Range(1, size).Select(n => $"p {n}").ToArray();
    for (var i = 0; i < repeats; i++)
    {
        var fastest = Measure.FastestInTurn(3,
            () => (shell.Time("$many | Invoke-EvolinkChat -Model gpt-5.2 -ThrottleLimit 16 | Out-Null").TotalSeconds, Array.Empty<double>()),
            () =>
            {
                BenchShell.Settle();
                var clock = Stopwatch.StartNew();
                floors.ChatAsync("gpt-5.2", list, 16).GetAwaiter().GetResult();
                return (clock.Elapsed.TotalSeconds, Array.Empty<double>());
            });
        f.NoDelay.Add(fastest[0].Value);
        f.NoDelayFloor.Add(fastest[1].Value);
    }
}

// 5. Progress on and off: the same batch with the progress a watching console gets, and with $ProgressPreference silenced.
// Each repeat keeps the fastest of seven on each side: a 2 % difference is below one stall of the shared machine.
void MeasureProgress(RunFigures f)
{
    shell.Run("$prompts = 1..2000 | ForEach-Object { \"p $_\" }");
    for (var i = 0; i < repeats; i++)
    {
        var fastest = Measure.FastestInTurn(7,
            () => (shell.Time("$prompts | Invoke-EvolinkChat -Model gpt-5.2 | Out-Null").TotalMilliseconds, Array.Empty<double>()),
            () => (shell.Time("& { $ProgressPreference = 'SilentlyContinue'; $prompts | Invoke-EvolinkChat -Model gpt-5.2 | Out-Null }").TotalMilliseconds, Array.Empty<double>()));
        f.ProgressOn.Add(fastest[0].Value);
        f.ProgressOff.Add(fastest[1].Value);
    }
}

// 8. Runs that remember: -Journal on and off (per call, and a delayed batch), and resuming a 100,000-line journal.
void MeasureRuns(RunFigures f)
{
    var size = quick ? 1000 : 5000;
    for (var i = 0; i < repeats; i++)
    {
        var (with, without) = remember!.PerCall(size);
        f.JournalCall.Add(with);
        f.NoJournalCall.Add(without);
        var (withBatch, withoutBatch) = remember.DelayedBatch();
        f.JournalBatch.Add(withBatch);
        f.NoJournalBatch.Add(withoutBatch);
    }
    for (var i = 0; i < Math.Min(repeats, 3); i++)
    {
        var (first, whole, memory) = remember!.Resume();
        f.ResumeFirstRequest.Add(first);
        f.ResumeWhole.Add(whole);
        f.ResumeMemory.Add(memory);
    }
}

// 10. Objects in, objects out: 1,000 objects at each batch size, the sizes taking turns.
void MeasureProperties(RunFigures f)
{
    for (var i = 0; i < repeats; i++)
    {
        foreach (var size in PropertiesBench.BatchSizes)
        {
            var (seconds, tokens, requests) = properties!.Once(size);
            f.FillSeconds[size].Add(seconds);
            f.FillTokens[size].Add(tokens);
            f.FillRequests[size].Add(requests);
        }
    }
}

// 6. A long stream: to the host as it arrives, as chunk objects, through the engine alone, and the floor; then the parse
// alone, replayed from memory. Each repeat reads it three times with each reader, the readers taking turns, and keeps
// each reader's fastest read (one read takes well under 0.1 s, and one stall of two shared cores can double it).
void MeasureStream(RunFigures f)
{
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
    // PowerShell's own share of -AsChunk: passing as many objects down a pipeline to Out-Null.
    // Unmeasured rounds first: the runtime compiles the hot code of every reader to its final form.
    const int warmUp = 3;
    for (var i = 0; i < repeats + warmUp; i++)
    {
        var fastest = Measure.FastestInTurn(3,
            () =>
            {
                BenchShell.Settle();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                shell.Host.Screen.Start();
                var wall = shell.Time("Invoke-EvolinkChat 'go' -Model bench-long -Stream | Out-Null", settle: false);
                if (shell.Host.Screen.Characters < longStream.TextCharacters)
                    throw new InvalidOperationException($"the host saw {shell.Host.Screen.Characters} of {longStream.TextCharacters} characters");
                return (wall.TotalMilliseconds, new[] { shell.Host.Screen.FirstText!.Value.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds });
            },
            () => (shell.Time("Invoke-EvolinkChat 'go' -Model bench-long -AsChunk | Out-Null").TotalMilliseconds, Array.Empty<double>()),
            () => (Read(() => engineReader.Read("bench-long"), "the engine"), Array.Empty<double>()),
            () => (Read(() => floors.StreamAsync("bench-long").GetAwaiter().GetResult(), "the floor"), Array.Empty<double>()),
            () => (Read(() => replayEngine.Read("bench-long"), "the replayed engine"), Array.Empty<double>()),
            () => (Read(() => replayFloors.StreamAsync("bench-long").GetAwaiter().GetResult(), "the replayed floor"), Array.Empty<double>()),
            () => (shell.Time($"Write-ManyObjects {longStream.Chunks} | Out-Null").TotalMilliseconds, Array.Empty<double>()),
            () =>
            {
                shell.Host.Screen.Start();
                var wall = shell.Time("Invoke-EvolinkChat 'go' -Model bench-long -Stream -NoMarkdown | Out-Null");
                if (shell.Host.Screen.Characters < longStream.TextCharacters)
                    throw new InvalidOperationException($"the host saw {shell.Host.Screen.Characters} of {longStream.TextCharacters} characters without Markdown");
                return (wall.TotalMilliseconds, Array.Empty<double>());
            },
            // The first reader's command again, timed as the others are: how far apart two readings of one thing fall here.
            () => (shell.Time("Invoke-EvolinkChat 'go' -Model bench-long -Stream | Out-Null").TotalMilliseconds, Array.Empty<double>()));
        if (i < warmUp)
            continue;
        f.StreamPlain.Add(fastest[7].Value);
        f.StreamAgain.Add(fastest[8].Value);
        f.StreamHost.Add(fastest[0].Value);
        f.StreamFirstText.Add(fastest[0].With[0]);
        f.StreamCpu.Add(fastest[0].With[1]);
        f.AsChunk.Add(fastest[1].Value);
        f.Engine.Add(fastest[2].Value);
        f.StreamFloor.Add(fastest[3].Value);
        f.EngineParse.Add(fastest[4].Value);
        f.FloorParse.Add(fastest[5].Value);
        f.ObjectsFloor.Add(fastest[6].Value);
    }
}
