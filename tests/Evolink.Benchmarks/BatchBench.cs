using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using FakeEvolink;
using Evolink.Testing;
using Evolink.Batch;
using Evolink.Chat;

namespace Evolink.Benchmarks;

/// <summary>3. A batch of prompts against a gateway that answers each after a fixed delay.</summary>
internal static class BatchBench
{
    public sealed record Result(int ThrottleLimit, double Seconds, double IdealSeconds, int Failed);

    public static void AddScenario(FakeGateway gateway, TimeSpan delay) =>
        gateway.Scenarios.Add("slow", async call =>
        {
            await Task.Delay(delay);
            await GatewayReplies.JsonAsync(call.Http, Scenarios.Echo(call));
        });

    public static async Task<Result[]> RunAsync(FakeGateway gateway, int prompts, TimeSpan delay, int[] limits)
    {
        var client = Peers.Evolink(gateway.BaseUri);
        var results = new Result[limits.Length];
        for (var i = 0; i < limits.Length; i++)
        {
            var limit = limits[i];
            var clock = Stopwatch.StartNew();
            var outcomes = await BatchRun.RunAsync<int, ChatResponse>(Enumerable.Range(0, prompts),
                (n, token) => client.CompleteAsync(ChatRequests.For("slow", null, new[] { ChatMessage.User(n.ToString()) }), token),
                limit, Math.Max(2 * limit, 2));
            results[i] = new Result(limit, clock.Elapsed.TotalSeconds, prompts * delay.TotalSeconds / limit, outcomes.Count(o => !o.Succeeded));
        }
        return results;
    }
}
