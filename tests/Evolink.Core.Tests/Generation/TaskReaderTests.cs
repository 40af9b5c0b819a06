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
    private static async Task<(GenerationTask[] Done, TaskReader Reader)> WaitForMany(FakeEvolink.FakeGateway gateway, int count, string model = "gemini-2.5-flash-image")
    {
        var client = new GenerationClient(Gateway.Client(gateway));
        var reader = new TaskReader(client, new ReadLimit(4, TimeSpan.FromMilliseconds(20)));
        var started = await Task.WhenAll(Enumerable.Range(0, count).Select(i => client.StartAsync(Image(i, model))));
        var done = await Task.WhenAll(started.Select(t => client.WaitAsync(t, Interval, TimeSpan.FromSeconds(60), _ => { }, default, reader)));
        return (done, reader);
    }

    [Fact]
    public async Task A_hundred_pending_tasks_are_read_fifty_at_a_time_and_each_whole_once_it_has_finished()
    {
        await using var gateway = await Gateway.StartAsync();

        var (done, reader) = await WaitForMany(gateway, 100);

        Assert.All(done, t => Assert.True(t.IsCompleted && t.Results.Count == 1 && t.CreditsReserved == 1.6 && t.Model == "gemini-2.5-flash-image"));
        // Four rounds of reads take a task to completed: at least two batches a round, and never more ids than 50 in one.
        var batches = gateway.Requests.Where(r => r.Path == "/v1/tasks/batch").ToList();
        Assert.All(batches, b => Assert.InRange(JsonDocument.Parse(b.Body).RootElement.GetProperty("task_ids").GetArrayLength(), 1, TaskReader.BatchSize));
        Assert.InRange(batches.Count, 8, 40);
        // One whole read per task, when the batch said it had finished: for its result links.
        Assert.Equal(100, gateway.Requests.Count(r => r.Path.StartsWith("/v1/tasks/task-unified-", StringComparison.Ordinal)));
        Assert.Equal((batches.Count, 100), (reader.BatchReads, reader.SingleReads));
        Assert.True(reader.ReadsInBatches);
    }

    [Theory]
    [InlineData("refused")]
    [InlineData("garbled")]
    public async Task A_gateway_without_the_batch_read_is_asked_once_then_read_one_task_at_a_time(string batchRead)
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Generations.BatchRead = batchRead;

        var (done, reader) = await WaitForMany(gateway, 10);

        Assert.All(done, t => Assert.True(t.IsCompleted));
        Assert.Equal(1, gateway.Generations.BatchReads);
        Assert.False(reader.ReadsInBatches);
        // Each task's four reads, now one by one, plus those of the round the batch was refused in.
        Assert.InRange(reader.SingleReads, 40, 50);
    }

    [Fact]
    public async Task A_task_that_fails_is_read_whole_so_its_business_code_and_message_are_kept()
    {
        await using var gateway = await Gateway.StartAsync();

        var (done, _) = await WaitForMany(gateway, 3, "fake-task-fails");

        Assert.All(done, t => Assert.Equal(("failed", "content_policy_violation"), (t.Status, t.ErrorCode)));
        Assert.Equal(EvolinkErrorKind.ContentPolicy, GenerationClient.Failed(done[0]).Kind);
    }

    [Fact]
    public async Task A_batch_answer_naming_tasks_not_asked_for_changes_none_of_them()
    {
        // Hostile: the answer lists a task asked for twice (first finished, then running) and one never asked for.
        using var server = new System.Net.HttpListener();
        var port = FreePort();
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        _ = Task.Run(async () =>
        {
            var context = await server.GetContextAsync();
            var answer = System.Text.Encoding.UTF8.GetBytes(
                "{\"data\":[{\"id\":\"task-unified-1-a\",\"status\":\"processing\",\"progress\":40},{\"id\":\"task-unified-1-a\",\"status\":\"completed\"},{\"id\":\"task-unified-9-other\",\"status\":\"failed\"}]}");
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        });
        var options = new Configuration.EvolinkClientOptions(Credentials.EvolinkApiKey.FromText("sk-fake-0123456789abcdef"))
        {
            BaseUri = new Uri($"http://127.0.0.1:{port}/"),
            Retry = new Configuration.RetryPolicy { MaximumRetryCount = 0 },
        };
        var client = new GenerationClient(new EvolinkClient(options));

        var states = await client.ReadStatusesAsync(new[] { "task-unified-1-a", "task-unified-2-b" });

        var only = Assert.Single(states);
        Assert.Equal(("task-unified-1-a", "processing", 40), (only.Id, only.Status, only.Progress));
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
        await Task.Delay(400);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        stop.Cancel();
        foreach (var wait in waits)
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.True(reader.BatchReads >= 1);
    }

    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
