using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Errors;
using Evolink.Generation;
using FakeEvolink;
using Xunit;

namespace Evolink.Core.Tests;

/// <summary>Generation tasks over real HTTP, against the fake gateway's task lifecycle as the vendor documents it.</summary>
public sealed class GenerationClientTests : IDisposable
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(20);
    private readonly string _folder = Directory.CreateTempSubdirectory("evolink-generation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static GenerationRequest Image(string model = "gemini-2.5-flash-image", int? count = null) =>
        new() { Kind = GenerationKind.Image, Model = model, Prompt = "a lighthouse at dusk", Size = "16:9", Count = count };

    [Fact]
    public async Task A_start_sends_the_kind_s_fields_with_an_idempotency_key_and_keeps_the_estimate_and_credits()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = new GenerationClient(Gateway.Client(gateway));
        var request = new GenerationRequest
        {
            Kind = GenerationKind.Video, Model = "seedance-1.0-pro", Prompt = "waves", Size = "9:16", DurationSeconds = 5,
            ReferenceImages = new[] { new Uri("https://example.com/a.png") }, AdditionalFields = new Hashtable { ["seed"] = 7, ["duration"] = 8 },
        };

        var task = await client.StartAsync(request);

        var sent = gateway.Requests.Single(r => r.Path == "/v1/videos/generations");
        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal("seedance-1.0-pro", body.RootElement.GetProperty("model").GetString());
        Assert.Equal("9:16", body.RootElement.GetProperty("aspect_ratio").GetString());
        Assert.Equal(8, body.RootElement.GetProperty("duration").GetInt32());
        Assert.Equal(7, body.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal("https://example.com/a.png", body.RootElement.GetProperty("image_urls")[0].GetString());
        Assert.True(sent.Headers.ContainsKey("idempotency-key"));
        Assert.Equal(("pending", "video", 20.0, TimeSpan.FromSeconds(120)), (task.Status, task.Type, task.CreditsReserved, task.EstimatedTime));
        Assert.StartsWith("task-unified-", task.Id);
        Assert.Equal("req-fake-", task.RequestId![..9]);
    }

    [Fact]
    public async Task Waiting_reports_each_new_state_until_completed_and_the_results_are_saved_without_the_key()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = new GenerationClient(Gateway.Client(gateway));
        var task = await client.StartAsync(Image(count: 2));
        var seen = new List<(string, int)>();

        var done = await client.WaitAsync(task, Fast, TimeSpan.FromSeconds(30), t => seen.Add((t.Status, t.Progress)));
        var files = new List<ResultFile>();
        for (var i = 0; i < done.Results.Count; i++)
            files.Add(await client.DownloadAsync(done, i, Path.Combine(_folder, $"{i}.png"), 1024 * 1024, overwrite: false));

        Assert.Equal(new[] { ("processing", 25), ("processing", 50), ("processing", 75), ("completed", 100) }, seen);
        Assert.Equal(1.6, done.CreditsReserved);
        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.Equal(("image/png", 70L), (f.ContentType, f.Length)));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(files[0].Path).Take(4));
        Assert.Equal((2, 0), (gateway.Generations.Downloads, gateway.Generations.DownloadsWithAuthorization));
        Assert.Equal(done.Id, files[1].TaskId);
    }

    [Fact]
    public async Task Reads_grow_apart_so_a_long_task_costs_few_requests()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = new GenerationClient(Gateway.Client(gateway));
        var task = await client.StartAsync(Image("fake-task-stuck"));

        await Assert.ThrowsAsync<EvolinkException>(() => client.WaitAsync(task, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2.5), _ => { }));

        // At a steady 100 ms there would be 25 reads; growing 1.5 times up to 400 ms there are at most 9. Counted for
        // this task alone: the gateway's total counts every read that reaches its port, and was once 14, more than
        // this wait can make in 2.5 s.
        Assert.InRange(gateway.Generations.ReadsOf(task.Id), 5, 10);
    }

    [Fact]
    public async Task A_stuck_task_stops_the_wait_at_the_limit_with_a_timeout_that_says_the_task_goes_on()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = new GenerationClient(Gateway.Client(gateway));
        var task = await client.StartAsync(Image("fake-task-stuck"));

        var stopped = await Assert.ThrowsAsync<EvolinkException>(() => client.WaitAsync(task, Fast, TimeSpan.FromSeconds(1), _ => { }));

        Assert.Equal(EvolinkErrorKind.Timeout, stopped.Kind);
        Assert.Equal(EvolinkRemedy.PickUpTask, stopped.Remedy);
        Assert.Equal($"The task {task.Id} was still processing (10 %) after 1 s of waiting; it goes on on the gateway.", stopped.Message);
    }

    [Fact]
    public async Task A_task_that_fails_late_is_an_error_with_its_business_code_mapped_as_chat_errors_are()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = new GenerationClient(Gateway.Client(gateway));
        var task = await client.StartAsync(Image("fake-task-fails"));

        var done = await client.WaitAsync(task, Fast, TimeSpan.FromSeconds(30), _ => { });
        var failed = GenerationClient.Failed(done);

        Assert.True(done.IsFailed);
        Assert.Equal(EvolinkErrorKind.ContentPolicy, failed.Kind);
        Assert.Equal(EvolinkRemedy.RephraseRequest, failed.Remedy);
        Assert.Equal($"The task {task.Id} (fake-task-fails) failed with content_policy_violation: The prompt was refused by the content policy.", failed.Message);
    }

    [Fact]
    public async Task A_429_on_a_read_is_waited_out_and_the_wait_goes_on()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = new GenerationClient(Gateway.Client(gateway, o => o.Retry = new Configuration.RetryPolicy { MaximumRetryCount = 2, RetryInterval = TimeSpan.FromMilliseconds(10) }));
        var task = await client.StartAsync(Image("fake-task-poll-429"));

        var done = await client.WaitAsync(task, Fast, TimeSpan.FromSeconds(30), _ => { });

        Assert.True(done.IsCompleted);
        // The refused read is sent again after the gateway's Retry-After, then the usual reads to completion.
        Assert.Equal(GenerationTasks.ReadsToComplete + 1, gateway.Requests.Count(r => r.Path == $"/v1/tasks/{task.Id}" && r.Method == "GET"));
    }

    [Fact]
    public async Task An_expired_link_a_file_already_there_and_a_file_too_large_each_keep_what_is_on_disk()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = new GenerationClient(Gateway.Client(gateway));
        var expired = await client.WaitAsync(await client.StartAsync(Image("fake-task-expired")), Fast, TimeSpan.FromSeconds(30), _ => { });
        var fine = await client.WaitAsync(await client.StartAsync(Image()), Fast, TimeSpan.FromSeconds(30), _ => { });
        var there = Path.Combine(_folder, "there.png");
        File.WriteAllText(there, "mine");

        var gone = await Assert.ThrowsAsync<EvolinkException>(() => client.DownloadAsync(expired, 0, Path.Combine(_folder, "x.png"), 1024, false));
        var kept = await Assert.ThrowsAsync<EvolinkException>(() => client.DownloadAsync(fine, 0, there, 1024, false));
        var large = await Assert.ThrowsAsync<EvolinkException>(() => client.DownloadAsync(fine, 0, Path.Combine(_folder, "big.png"), 10, false));
        var replaced = await client.DownloadAsync(fine, 0, there, 1024, overwrite: true);

        Assert.Equal((EvolinkErrorKind.GenerationFailed, EvolinkRemedy.ResultLinkExpired), (gone.Kind, gone.Remedy));
        Assert.Contains("answered HTTP 403: it has expired or been removed", gone.Message);
        Assert.Equal(EvolinkErrorKind.ResultFileExists, kept.Kind);
        Assert.Equal((EvolinkErrorKind.ResultTooLarge, EvolinkRemedy.RaiseDownloadLimit), (large.Kind, large.Remedy));
        Assert.Equal(70, replaced.Length);
        Assert.Equal(new[] { "there.png" }, Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_plain_http_link_to_another_host_is_never_fetched()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = new GenerationClient(Gateway.Client(gateway));
        var task = new GenerationTask { Id = "task-unified-1-x", Status = "completed", Results = new[] { new Uri("http://files.example.com/a.png") } };

        var refused = await Assert.ThrowsAsync<EvolinkException>(() => client.DownloadAsync(task, 0, Path.Combine(_folder, "a.png"), 1024, false));

        Assert.Equal(EvolinkErrorKind.InvalidResponse, refused.Kind);
        Assert.Contains("is not https: it is not fetched", refused.Message);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData("not a task", "is not a task id")]
    [InlineData("../../v1/credits", "is not a task id")]
    [InlineData("..", "is not a task id")]
    public async Task A_wrong_task_id_is_refused_before_anything_is_sent(string id, string said)
    {
        await using var gateway = await Gateway.StartAsync();
        var client = new GenerationClient(Gateway.Client(gateway));

        var refused = await Assert.ThrowsAsync<EvolinkException>(() => client.GetAsync(id));

        Assert.Equal(EvolinkErrorKind.InvalidTaskId, refused.Kind);
        Assert.Contains(said, refused.Message);
        Assert.DoesNotContain(gateway.Requests, r => r.Path.StartsWith("/v1/tasks", StringComparison.Ordinal));
    }

    [Fact]
    public void A_task_reply_is_read_with_failure_in_mind()
    {
        using var reply = JsonDocument.Parse("""
            { "id": "task-unified-9", "status": "COMPLETED", "progress": 250, "created": -5, "results": ["https://a.example/x.png", 42, "not a url", null],
              "task_info": { "estimated_time": "soon", "can_cancel": "yes" }, "error": "odd", "extra": { "deep": [1, 2] } }
            """);

        var task = GenerationTask.From(reply.RootElement)!;

        Assert.Equal(("completed", 100, (DateTimeOffset?)null), (task.Status, task.Progress, task.Created));
        Assert.Equal(new[] { new Uri("https://a.example/x.png") }, task.Results);
        Assert.Null(task.EstimatedTime);
        Assert.Null(task.CanCancel);
        Assert.Equal("odd", task.ErrorMessage);
        Assert.Null(GenerationTask.From(JsonDocument.Parse("""{"status":"pending"}""").RootElement));
        // A status or type that is no word of the API (it would reach progress text and activity names) is dropped.
        var hostile = GenerationTask.From(JsonDocument.Parse("""{"id":"task-unified-9","status":"\u001b]0;pwned\u0007done","type":"\u001b[2Jimage"}""").RootElement)!;
        Assert.Equal(("unknown", (string?)null, false), (hostile.Status, hostile.Type, hostile.IsFinished));
    }

    [Fact]
    public async Task Recent_tasks_are_listed_newest_first_where_the_gateway_lists_them()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = new GenerationClient(Gateway.Client(gateway));
        var first = await client.StartAsync(Image());
        var second = await client.StartAsync(Image("fake-task-stuck"));

        var recent = await client.ListRecentAsync();

        Assert.Equal(new[] { second.Id, first.Id }, recent.Select(t => t.Id));
        Assert.All(recent, t => Assert.Empty(t.Results));
    }

    [Fact]
    public async Task A_failed_task_s_message_never_carries_the_key_nor_runs_on_without_end()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Generations.FailureMessage = "refused for key " + gateway.ApiKey + " " + new string('x', 5000);
        var client = new GenerationClient(Gateway.Client(gateway));

        var done = await client.WaitAsync(await client.StartAsync(Image("fake-task-fails")), Fast, TimeSpan.FromSeconds(30), _ => { });
        var failed = GenerationClient.Failed(done);

        Assert.DoesNotContain(gateway.ApiKey, failed.Message, StringComparison.Ordinal);
        Assert.True(done.ErrorMessage!.Length <= 1001, $"{done.ErrorMessage.Length} characters");
    }

    [Fact]
    public async Task A_recorded_generation_replays_offline_at_the_default_gateway_read_by_read_to_its_end()
    {
        // Recorded against the fake; replayed where a user's CI step replays it, at the default base URI, with no
        // network: every read of the task must get the next recorded answer, not the first one again.
        var store = Path.Combine(_folder, "answers.jsonl");
        GenerationTask recorded;
        await using (var gateway = await Gateway.StartAsync())
        {
            var recording = new GenerationClient(Gateway.Client(gateway, o => { o.ReplayFile = store; o.ReplayUse = Configuration.ReplayUse.Record; }));
            recorded = await recording.WaitAsync(await recording.StartAsync(Image()), Fast, TimeSpan.FromSeconds(30), _ => { });
        }
        var options = new Configuration.EvolinkClientOptions(Credentials.EvolinkApiKey.FromText("sk-fake-0123456789abcdef"))
        {
            ReplayFile = store,
            ReplayUse = Configuration.ReplayUse.Replay,
            // As the settings give it when the base URI is the default: tasks go to the documented host.
            FallbackBaseUri = Configuration.EvolinkClientOptions.DocumentedFallbackUri,
        };
        Assert.Equal(Configuration.Settings.DefaultBaseUri, options.BaseUri);
        var replaying = new GenerationClient(new EvolinkClient(options));

        var replayed = await replaying.WaitAsync(await replaying.StartAsync(Image()), Fast, TimeSpan.FromSeconds(5), _ => { });

        Assert.Equal((recorded.Id, "completed", recorded.Results.Count), (replayed.Id, replayed.Status, replayed.Results.Count));
    }

    [Fact]
    public async Task A_result_link_that_stops_sending_is_given_up_at_the_call_s_time_limit_and_leaves_no_file()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = new GenerationClient(Gateway.Client(gateway, o => o.TotalTimeout = TimeSpan.FromSeconds(1)));
        var done = await client.WaitAsync(await client.StartAsync(Image("fake-task-trickle")), Fast, TimeSpan.FromSeconds(30), _ => { });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var stalled = await Assert.ThrowsAsync<EvolinkException>(() => client.DownloadAsync(done, 0, Path.Combine(_folder, "slow.png"), 1024 * 1024, overwrite: false));

        Assert.Equal(EvolinkErrorKind.Timeout, stalled.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Empty(Directory.GetFiles(_folder));
    }
}
