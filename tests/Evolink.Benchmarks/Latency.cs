using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using FakeEvolink;
using Microsoft.AspNetCore.Http;

namespace Evolink.Benchmarks;

/// <summary>
/// 2. Added latency over loopback: each chunk carries the moment the server
/// wrote it (Stopwatch ticks; server and client share this process), and the
/// consumer notes when it got it.
/// </summary>
internal static class Latency
{
    public sealed record Result(string Name, double MedianMicroseconds, double P99Microseconds, int Samples);

    public static void AddScenario(FakeGateway gateway, int chunks, TimeSpan gap) =>
        gateway.Scenarios.Add("latency", async call =>
        {
            var http = call.Http;
            http.Response.ContentType = "text/event-stream";
            await http.Response.StartAsync();
            for (var i = 0; i < chunks; i++)
            {
                await Task.Delay(gap);
                var line = RecordedStream.Chunk(i, Stopwatch.GetTimestamp().ToString());
                await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line));
                await http.Response.Body.FlushAsync();
            }
            await http.Response.WriteAsync(RecordedStream.Tail);
        });

    public static async Task<Result[]> RunAsync(FakeGateway gateway, int rounds)
    {
        var evolink = Peers.Evolink(gateway.BaseUri);
        var openAi = Peers.OpenAi(gateway.BaseUri, model: "latency");
        using var raw = new HttpClient();
        var results = new List<Result>
        {
            await Measure("Evolink engine", rounds, note => Peers.ReadWithEvolink(evolink, note, "latency")),
            await Measure("OpenAI .NET SDK", rounds, note => Peers.ReadWithOpenAi(openAi, note)),
            await Measure("Raw HttpClient (lines, JsonDocument)", rounds, note => ReadRaw(raw, gateway.BaseUri, note)),
        };
        return results.ToArray();
    }

    private static async Task<Result> Measure(string name, int rounds, Func<Action<string>, Task<int>> read)
    {
        var samples = new List<double>();
        for (var round = 0; round <= rounds; round++)
        {
            var thisRound = new List<double>();
            await read(text =>
            {
                var now = Stopwatch.GetTimestamp();
                if (long.TryParse(text, out var sent))
                    thisRound.Add((now - sent) * 1_000_000.0 / Stopwatch.Frequency);
            });
            if (round > 0)
                samples.AddRange(thisRound);
        }
        return new Result(name, Stats.Median(samples), Stats.Percentile(samples, 99), samples.Count);
    }

    private static async Task<int> ReadRaw(HttpClient http, Uri baseUri, Action<string> note)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/v1/chat/completions"))
        {
            Content = new StringContent("""{"model":"latency","stream":true,"messages":[{"role":"user","content":"go"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Peers.Key);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var chunks = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
                continue;
            chunks++;
            using var document = JsonDocument.Parse(line.AsMemory(6));
            var choices = document.RootElement.GetProperty("choices");
            if (choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out var content))
                note(content.GetString()!);
        }
        return chunks;
    }
}
