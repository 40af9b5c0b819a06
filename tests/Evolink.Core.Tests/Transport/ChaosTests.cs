using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;
using Xunit.Abstractions;
using Evolink.Testing;
using Evolink.Chat;
using Evolink.Configuration;
using Evolink.Errors;

namespace Evolink.Core.Tests;

[Collection(TimingCollection.Name)]
public sealed class ChaosTests
{
    private readonly ITestOutputHelper _output;

    public ChaosTests(ITestOutputHelper output) => _output = output;

    /// <summary>Each fault, how often it is injected (out of 100), how the input must end, and how many requests it takes.</summary>
    private static readonly (string Kind, int Weight, EvolinkErrorKind? Error, int Requests)[] Kinds =
    {
        ("ok", 60, null, 1),
        ("503x2", 8, null, 3),
        ("429", 6, null, 2),
        ("reset", 5, null, 2),
        ("stall", 3, null, 2),
        // The fake's 500 carries the documented code no_available_channel, which names the error.
        ("500", 4, EvolinkErrorKind.NoAvailableChannel, 4),
        ("html", 3, EvolinkErrorKind.ServerError, 4),
        ("400", 4, EvolinkErrorKind.InvalidRequest, 1),
        ("midbody", 4, EvolinkErrorKind.Network, 1),
        ("malformed", 3, EvolinkErrorKind.InvalidResponse, 1),
    };

    [Fact]
    public async Task A_thousand_inputs_with_injected_faults_each_end_as_exactly_one_result_or_error_in_order()
    {
        const int inputs = 1000;
        await using var gateway = await Gateway.StartAsync();
        var random = new Random(20261121);
        var plan = Enumerable.Range(0, inputs).Select(i => Pick(random.Next(100))).ToArray();
        // Well under the stall fault's 3 s, and long enough that a healthy reply on a busy 2-core machine
        // (the module tests run beside this project in CI) is never mistaken for a stall and sent again.
        var connectionTimeout = TimeSpan.FromMilliseconds(1500);
        // The mid-body fault goes silent for 150 ms before its reset; with two test projects sharing two cores that
        // silence once stretched past a 1 s idle limit and the reset was reported as a timeout. 2.5 s leaves room.
        var operationTimeout = TimeSpan.FromSeconds(2.5);
        var policy = new RetryPolicy() { MaximumRetryCount = 3, RetryInterval = TimeSpan.FromMilliseconds(5) };
        var client = Gateway.Client(gateway, o =>
        {
            o.Retry = policy;
            o.ConnectionTimeout = connectionTimeout;
            o.OperationTimeout = operationTimeout;
        });
        // Warm both ends (JIT, connection pool) first: a cold start is not a fault and must not count as one.
        // The warm-up uses ordinary timeouts: on a cold process a first reply can take longer than the chaos client's 300 ms, and a
        // warm-up retried after its reply was delivered would be counted against the run. It shares the process's connection pool.
        var warmUp = Gateway.Client(gateway);
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => warmUp.CompleteAsync(Requests.Prompt("warm-up", "hi"))));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var outcomes = await BatchRun.RunAsync<int, ChatResponse>(
            Enumerable.Range(0, inputs),
            (i, token) => client.CompleteAsync(Requests.Prompt("fake-chaos", $"chaos:{plan[i].Kind}:{i}"), token),
            throttleLimit: 16, readAhead: 32);

        // Nothing lost, nothing duplicated, order kept.
        Assert.Equal(Enumerable.Range(0, inputs).Select(i => (long)i), outcomes.Select(o => o.Index));
        Assert.Equal(Enumerable.Range(0, inputs).Cast<object>(), outcomes.Select(o => o.Input));
        for (var i = 0; i < inputs; i++)
        {
            var (kind, _, expectedError, _) = plan[i];
            var outcome = outcomes[i];
            if (expectedError is null)
                Assert.True(outcome.Succeeded && outcome.Result!.Text == $"chaos:{kind}:{i}", $"input {i} ({kind}): {outcome.Error?.Message}");
            else
                Assert.Equal(expectedError, Assert.IsAssignableFrom<EvolinkException>(outcome.Error).Kind);
        }

        // Retries went where they should, under one idempotency key, and nothing delivered was sent again.
        var chaosRequests = gateway.ChatRequests.Where(r => (string?)r.Json!["model"] == "fake-chaos").ToArray();
        var attempts = chaosRequests.GroupBy(r => r.Header("Idempotency-Key")).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(inputs, attempts.Count);
        var byPrompt = chaosRequests.GroupBy(r => (string)r.Json!["messages"]![0]!["content"]!).ToDictionary(g => g.Key, g => g.Count());
        var wrongCounts = Enumerable.Range(0, inputs).Where(i => plan[i].Requests != byPrompt[$"chaos:{plan[i].Kind}:{i}"])
            .Select(i => $"{plan[i].Kind}:{i} sent {byPrompt[$"chaos:{plan[i].Kind}:{i}"]} times").ToList();
        Assert.True(wrongCounts.Count == 0, string.Join("; ", wrongCounts.Take(10)));
        var resent = gateway.KeysSentAfterDelivery.Select(k => (string)gateway.ChatRequests.First(r => r.Header("Idempotency-Key") == k).Json!["messages"]![0]!["content"]!).ToList();
        Assert.True(gateway.RequestsAfterDelivery == 0, "sent again after delivery: " + string.Join(", ", resent.Take(10)));

        // No call ran past what its timeouts and retries allow.
        var longestAllowed = (policy.MaximumRetryCount + 1) * (connectionTimeout + operationTimeout) + TimeSpan.FromSeconds(1);
        var longest = outcomes.Max(o => o.Elapsed);
        Assert.True(longest < longestAllowed, $"a call took {longest}");

        var retries = chaosRequests.Length - inputs;
        _output.WriteLine($"inputs {inputs}; faults: {string.Join(", ", plan.GroupBy(p => p.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}");
        _output.WriteLine($"requests {chaosRequests.Length}, retries {retries}; results {outcomes.Count(o => o.Succeeded)}, errors {outcomes.Count(o => !o.Succeeded)}; " +
                          $"lost {inputs - outcomes.Count}, duplicated {outcomes.Count - outcomes.Select(o => o.Index).Distinct().Count()}; " +
                          $"longest call {longest.TotalMilliseconds:0} ms; wall {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static (string Kind, int Weight, EvolinkErrorKind? Error, int Requests) Pick(int roll)
    {
        foreach (var kind in Kinds)
        {
            if (roll < kind.Weight)
                return kind;
            roll -= kind.Weight;
        }
        throw new InvalidOperationException("weights must add up to 100");
    }
}
