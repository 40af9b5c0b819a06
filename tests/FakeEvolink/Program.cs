using System;
using System.Threading;
using FakeEvolink;

// Standalone: dotnet run --project tests/FakeEvolink -- --urls http://127.0.0.1:5080 [--api-key KEY]
var url = "http://127.0.0.1:5080";
var apiKey = Environment.GetEnvironmentVariable("FAKE_EVOLINK_API_KEY") ?? FakeGateway.DefaultApiKey;
for (var i = 0; i + 1 < args.Length; i++)
{
    if (args[i] == "--urls")
        url = args[++i];
    else if (args[i] == "--api-key")
        apiKey = args[++i];
}

await using var gateway = await FakeGateway.StartAsync(url, apiKey);
Console.WriteLine($"Fake Evolink gateway listening on {gateway.BaseUri} with API key {apiKey}. Ctrl+C stops it.");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
await gateway.WaitForShutdownAsync(stop.Token);
