using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Errors;
using Evolink.Generation;
using Xunit;

namespace Evolink.Core.Tests;

/// <summary>Many tasks waited for together over real HTTP: read in batches where the gateway offers it, one by one where it does not.</summary>
public sealed class TaskReaderTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private static GenerationRequest Image(int n, string model = "gemini-2.5-flash-image") =>
        new() { Kind = GenerationKind.Image, Model = model, Prompt = $"lighthouse {n}" };

    /// <summary>Starts <paramref name="count"/> tasks and waits for all of them through one reader, as a job does.</summary>
    private static async Task<GenerationTask[]> WaitForMany(FakeEvolink.FakeGateway gateway, int count, string model = "gemini-2.5-flash-image",
        Action<Configuration.EvolinkClientOptions>? configure = null)
    {
        var client = new GenerationClient(Gateway.Client(gateway, configure));
        var reader = new TaskReader(client, new ReadLimit(4, TimeSpan.FromMilliseconds(20)));
        var started = await Task.WhenAll(Enumerable.Range(0, count).Select(i => client.StartAsync(Image(i, model))));
        return await Task.WhenAll(started.Select(t => client.WaitAsync(t, Interval, TimeSpan.FromSeconds(60), _ => { }, default, reader)));
    }

    [Fact]
    public async Task A_hundred_pending_tasks_are_read_fifty_at_a_time_and_each_whole_once_it_has_finished()
    {
        await using var gateway = await Gateway.StartAsync();

        var done = await WaitForMany(gateway, 100);

        Assert.All(done, t => Assert.True(t.IsCompleted && t.Results.Count == 1 && t.CreditsReserved == 1.6 && t.Model == "gemini-2.5-flash-image"));
        // Four rounds of reads take a task to completed: at least two batches a round, and never more ids than 50 in one.
        var batches = gateway.Requests.Where(r => r.Path == "/v1/tasks/batch").ToList();
        Assert.All(batches, b => Assert.InRange(JsonDocument.Parse(b.Body).RootElement.GetProperty("task_ids").GetArrayLength(), 1, TaskReader.BatchSize));
        Assert.InRange(batches.Count, 8, 40);
        // One whole read per task, when the batch said it had finished: for its result links.
        Assert.Equal(100, gateway.Requests.Count(r => r.Path.StartsWith("/v1/tasks/task-unified-", StringComparison.Ordinal)));
        Assert.Equal((batches.Count, batches.Count + 100), (gateway.Generations.BatchReads, gateway.Generations.Reads));
        // Never given up: every round after the first went as batches too (the rounds read one by one would show as more whole reads).
    }

    [Theory]
    [InlineData("refused")]
    [InlineData("garbled")]
    public async Task A_gateway_without_the_batch_read_is_asked_once_then_read_one_task_at_a_time(string batchRead)
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Generations.BatchRead = batchRead;

        var done = await WaitForMany(gateway, 10);

        Assert.All(done, t => Assert.True(t.IsCompleted));
        Assert.Equal(1, gateway.Generations.BatchReads);
        // Given up after that one: each task's four reads, now one by one, plus those of the round the batch was refused in.
        Assert.InRange(gateway.Generations.Reads - gateway.Generations.BatchReads, 40, 50);
    }

    [Fact]
    public async Task A_batch_read_that_never_answers_holds_no_wait_up_for_long_and_is_given_up_after_twice()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Generations.BatchRead = "silent";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // A second for each request: the silent batch read fails fast, and a loaded machine still answers the others
        // (at 0.3 s a create once timed out while the whole suite ran).
        var done = await WaitForMany(gateway, 5, configure: o => o.ConnectionTimeout = TimeSpan.FromSeconds(1));

        Assert.All(done, t => Assert.True(t.IsCompleted));
        Assert.Equal(2, gateway.Generations.BatchReads);
        // Given up after the second: every read after it went one task at a time.
        Assert.InRange(gateway.Generations.Reads - gateway.Generations.BatchReads, 20, 30);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_task_that_fails_is_read_whole_so_its_business_code_and_message_are_kept()
    {
        await using var gateway = await Gateway.StartAsync();

        var done = await WaitForMany(gateway, 3, "fake-task-fails");

        Assert.All(done, t => Assert.Equal(("failed", "content_policy_violation"), (t.Status, t.ErrorCode)));
        Assert.Equal(EvolinkErrorKind.ContentPolicy, GenerationClient.Failed(done[0]).Kind);
    }

    [Fact]
    public async Task A_batch_answer_naming_a_task_twice_or_one_not_asked_for_is_taken_for_the_tasks_asked_only_and_first_word_only()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Generations.BatchRead = "hostile";
        var client = new GenerationClient(Gateway.Client(gateway));
        var started = await client.StartAsync(Image(1));

        var states = await client.ReadStatusesAsync(new[] { started.Id, "task-unified-2-never-started" });

        var only = Assert.Single(states);
        Assert.Equal((started.Id, "processing", 25), (only.Id, only.Status, only.Progress));
    }

    [Fact]
    public async Task Stopping_the_reader_ends_every_wait_at_once()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = new GenerationClient(Gateway.Client(gateway));
        using var stop = new CancellationTokenSource();
        var reader = new TaskReader(client, new ReadLimit(4, TimeSpan.FromMilliseconds(20)), stop.Token);
        var started = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => client.StartAsync(Image(i, "fake-task-stuck"))));
        var waits = started.Select(t => client.WaitAsync(t, Interval, TimeSpan.FromSeconds(60), _ => { }, stop.Token, reader)).ToArray();
        // Stopped once the waits are under way (a batch read has gone out), however slow the machine is today.
        for (var i = 0; i < 250 && gateway.Generations.BatchReads == 0; i++)
            await Task.Delay(20);
        await Task.Delay(100);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        stop.Cancel();
        foreach (var wait in waits)
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.True(gateway.Generations.BatchReads >= 1);
    }
}
