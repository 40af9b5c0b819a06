using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;
using Evolink.Testing;
using Evolink.Batch;
using Evolink.Chat;
using Evolink.Configuration;
using Evolink.Errors;

namespace Evolink.Core.Tests;

[Collection(TimingCollection.Name)]
public sealed class BatchTests
{
    private static void AddSlowEcho(FakeGateway gateway, TimeSpan delay) =>
        gateway.Scenarios.Add("slow", async call =>
        {
            // Later inputs answer sooner, so completion order differs from input order.
            var n = int.Parse(call.LastUserText);
            await Task.Delay(delay - TimeSpan.FromMilliseconds(n % 5 * 10));
            await GatewayReplies.JsonAsync(call.Http, Scenarios.Echo(call));
        });

    private static Func<int, CancellationToken, Task<ChatResponse>> Ask(EvolinkClient client, string model = "slow") =>
        (i, token) => client.CompleteAsync(Requests.Prompt(model, i.ToString()), token);

    [Fact]
    public async Task Outcomes_come_back_in_input_order_with_at_most_the_throttle_limit_in_flight()
    {
        await using var gateway = await Gateway.StartAsync();
        AddSlowEcho(gateway, TimeSpan.FromMilliseconds(100));

        var outcomes = await BatchRun.RunAsync<int, ChatResponse>(Enumerable.Range(0, 40), Ask(Gateway.Client(gateway)), throttleLimit: 4, readAhead: 8);

        Assert.Equal(Enumerable.Range(0, 40).Select(i => i.ToString()), outcomes.Select(o => o.Result!.Text));
        Assert.Equal(4, gateway.MaxInFlight);
    }

    [Fact]
    public async Task A_failed_input_is_one_error_for_that_input_only()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);

        var outcomes = await BatchRun.RunAsync<string, ChatResponse>(new[] { "a", "fake-status-400", "c" },
            (model, token) => client.CompleteAsync(Requests.Prompt(model, model), token), 2, 4);

        Assert.Equal(new[] { true, false, true }, outcomes.Select(o => o.Succeeded));
        Assert.Equal("fake-status-400", outcomes[1].Input);
        Assert.IsType<EvolinkApiException>(outcomes[1].Error);
    }

    [Fact]
    public async Task Cancelling_ends_everything_in_flight_and_waiting_at_once_each_as_one_error()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Scenarios.Add("hang", call => Task.Delay(Timeout.Infinite, call.Http.RequestAborted));
        var client = Gateway.Client(gateway);
        var outcomes = new ConcurrentQueue<BatchItem<ChatResponse>>();
        // Cancelled as the cmdlet cancels it: through the token it was made with (Ctrl+C).
        using var stopping = new CancellationTokenSource();
        using var batch = new OrderedBatch<ChatResponse>(4, outcomes.Enqueue, cancellationToken: stopping.Token);
        for (var i = 0; i < 10; i++)
            batch.Add(i, token => client.CompleteAsync(Requests.Prompt("hang", "x"), token));
        while (gateway.InFlight < 4)
            await Task.Delay(10);
        var clock = Stopwatch.StartNew();

        stopping.Cancel();
        while (outcomes.Count < 10 && clock.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(5);

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"took {clock.Elapsed}");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), outcomes.Select(o => o.Index));
        Assert.All(outcomes, o => Assert.IsAssignableFrom<OperationCanceledException>(o.Error));
        Assert.Equal(4, gateway.ChatRequests.Length);
    }

    [Fact]
    public async Task Outcomes_can_be_handed_over_as_they_complete_instead()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Scenarios.Add("slow", async call =>
        {
            await Task.Delay(call.LastUserText == "0" ? 300 : 10);
            await GatewayReplies.JsonAsync(call.Http, Scenarios.Echo(call));
        });
        var client = Gateway.Client(gateway);
        var order = new ConcurrentQueue<long>();
        using var batch = new OrderedBatch<ChatResponse>(4, item => order.Enqueue(item.Index), ordered: false);

        for (var i = 0; i < 4; i++)
            batch.Add(i, token => Ask(client)(order.Count + i, token));
        while (order.Count < 4)
            await Task.Delay(10);

        Assert.Equal(0, order.Last());
    }

    [Fact]
    public async Task A_rate_limit_on_one_request_pauses_the_whole_batch()
    {
        await using var gateway = await Gateway.StartAsync();
        var first = 0;
        var arrivals = new ConcurrentQueue<(int Input, DateTime At)>();
        DateTime limitedAt = default;
        gateway.Scenarios.Add("limited", async call =>
        {
            arrivals.Enqueue((int.Parse(call.LastUserText), DateTime.UtcNow));
            if (Interlocked.Exchange(ref first, 1) == 0)
            {
                limitedAt = DateTime.UtcNow;
                await Faults.RateLimitedAsync(call.Http, "ms", 0.4);
                return;
            }
            await Task.Delay(50);
            await GatewayReplies.JsonAsync(call.Http, Scenarios.Echo(call));
        });
        var client = Gateway.Client(gateway, o => o.Retry = new RetryPolicy { MaximumRetryCount = 2, RetryInterval = TimeSpan.FromMilliseconds(5) });

        var outcomes = await BatchRun.RunAsync<int, ChatResponse>(Enumerable.Range(0, 12), Ask(client, "limited"), throttleLimit: 4, readAhead: 8);

        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        var startedLater = arrivals.Skip(4).ToList();
        Assert.NotEmpty(startedLater);
        Assert.All(startedLater, a => Assert.True(a.At >= limitedAt.AddMilliseconds(350), $"input {a.Input} started {(a.At - limitedAt).TotalMilliseconds:0} ms after the 429"));
    }
}
