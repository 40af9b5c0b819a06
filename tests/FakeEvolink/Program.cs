using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using FakeEvolink;

// Standalone: dotnet run --project tests/FakeEvolink -- [--urls http://127.0.0.1:0] [--api-key KEY] [--parent PID]
//   --urls     where to listen; port 0 takes a free one. The first line printed is the address, alone,
//              so a script that started the fake reads it from there.
//   --parent   the process that owns this fake (the Pester suite, build.ps1 -Task Run): the fake ends
//              when that process ends, however it ends, and leaves Ctrl+C to it (a Ctrl+C that cancels
//              one reply in the owner's chat must not stop the gateway under it).
var url = "http://127.0.0.1:5080";
var apiKey = Environment.GetEnvironmentVariable("FAKE_EVOLINK_API_KEY") ?? FakeGateway.DefaultApiKey;
int? parent = null;
for (var i = 0; i + 1 < args.Length; i++)
{
    switch (args[i])
    {
        case "--urls":
            url = args[++i];
            break;
        case "--api-key":
            apiKey = args[++i];
            break;
        case "--parent":
            parent = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
    }
}

await using var gateway = await FakeGateway.StartAsync(url, apiKey);
Console.WriteLine(gateway.BaseUri.ToString().TrimEnd('/'));
using var stop = new CancellationTokenSource();
if (parent is { } owner)
{
    Console.CancelKeyPress += (_, e) => e.Cancel = true;
    _ = Task.Run(() => WaitForExit(owner, stop));
}
else
{
    Console.WriteLine($"Fake Evolink gateway listening with API key {apiKey}. Ctrl+C stops it.");
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
}
await gateway.WaitForShutdownAsync(stop.Token);

static void WaitForExit(int owner, CancellationTokenSource stop)
{
    try
    {
        using var process = Process.GetProcessById(owner);
        process.WaitForExit();
    }
    catch (ArgumentException)
    {
        // Already gone.
    }
    stop.Cancel();
}
