using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Evolink.Chat;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Core.Tests;

/// <summary>Recording answers over real HTTP, then answering from them with no gateway at all.</summary>
public sealed class ResponseStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "evolink-replay-" + Guid.NewGuid().ToString("N"));
    private string File => Path.Combine(_folder, "answers.jsonl");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A client that can reach nothing: a closed port on this machine, no key, no retries.</summary>
    private EvolinkClient Offline() => new(new EvolinkClientOptions(EvolinkApiKey.FromText("replayed-no-key"))
    {
        BaseUri = new Uri("http://127.0.0.1:9/"),
        Retry = new RetryPolicy { MaximumRetryCount = 0 },
        ReplayFile = File,
    });

    private async Task RecordAsync(params Func<EvolinkClient, Task>[] calls)
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway, o =>
        {
            o.ReplayFile = File;
            o.ReplayUse = ReplayUse.Record;
        });
        foreach (var call in calls)
            await call(client);
    }

    [Fact]
    public async Task Recorded_answers_replay_without_a_gateway_streams_chunk_by_chunk_and_the_balance_too()
    {
        var streamedChunks = 0;
        await RecordAsync(
            c => c.CompleteAsync(Requests.Prompt("gpt-5.2", "What is DNS?")),
            async c => streamedChunks = await CountChunksAsync(c, "Stream me"),
            c => c.GetCreditsAsync());

        var offline = Offline();
        var answer = await offline.CompleteAsync(Requests.Prompt("gpt-5.2", "What is DNS?"));
        Assert.Equal("What is DNS?", answer.Text);
        Assert.StartsWith("req-fake-", answer.RequestId);
        Assert.True(streamedChunks > 2);
        Assert.Equal(streamedChunks, await CountChunksAsync(offline, "Stream me"));
        Assert.NotNull((await offline.GetCreditsAsync()).Available);
    }

    private static async Task<int> CountChunksAsync(EvolinkClient client, string prompt)
    {
        var count = 0;
        await foreach (var _ in client.StreamAsync(Requests.Prompt("gpt-5.2", prompt)))
            count++;
        return count;
    }

    [Fact]
    public async Task A_request_not_recorded_fails_with_its_key_and_a_diff_of_the_nearest_recorded_one_and_sends_nothing()
    {
        await RecordAsync(c => c.CompleteAsync(Requests.Prompt("gpt-5.2", "What is DNS?")));

        var error = await Assert.ThrowsAsync<EvolinkException>(() => Offline().CompleteAsync(Requests.Prompt("gpt-5.2", "What is DHCP?")));
        Assert.Equal(EvolinkErrorKind.NotRecorded, error.Kind);
        Assert.Equal(EvolinkRemedy.RecordAnswers, error.Remedy);
        Assert.Matches("request key [0-9a-f]{32}", error.Message);
        var diff = error.Message.Split('\n').Skip(1).ToArray();
        Assert.Equal(new[] { "-       \"content\": \"What is DNS?\"", "+       \"content\": \"What is DHCP?\"" }, diff);
    }

    [Fact]
    public async Task The_same_request_recorded_twice_is_answered_with_each_recording_in_turn_then_the_last()
    {
        await using (var gateway = await Gateway.StartAsync())
        {
            gateway.Scenarios.Add("counting", call => FakeEvolink.Scenarios.ReplyAsync(call, FakeEvolink.GatewayReplies.Completion(call, "answer " + gateway.ChatRequests.Length), FakeEvolink.StreamPlan.Default));
            var client = Gateway.Client(gateway, o => { o.ReplayFile = File; o.ReplayUse = ReplayUse.Record; });
            await client.CompleteAsync(Requests.Prompt("counting", "again"));
            await client.CompleteAsync(Requests.Prompt("counting", "again"));
        }
        var offline = Offline();
        var texts = new[] { 1, 2, 3 }.Select(_ => offline.CompleteAsync(Requests.Prompt("counting", "again")).GetAwaiter().GetResult().Text).ToArray();
        Assert.Equal(new[] { "answer 1", "answer 2", "answer 2" }, texts);
    }

    [Fact]
    public async Task A_missing_file_or_one_that_is_not_a_recording_is_refused_and_the_key_never_reaches_the_file()
    {
        var missing = await Assert.ThrowsAsync<EvolinkException>(() => Offline().CompleteAsync(Requests.Prompt("gpt-5.2", "x")));
        Assert.Contains("does not exist", missing.Message);

        await using (var gateway = await Gateway.StartAsync())
        {
            var client = Gateway.Client(gateway, o => { o.ReplayFile = File; o.ReplayUse = ReplayUse.Record; });
            // The echo model repeats the key back: the recording must not keep it.
            await client.CompleteAsync(Requests.Prompt("gpt-5.2", "my key is " + gateway.ApiKey));
            Assert.DoesNotContain(gateway.ApiKey, System.IO.File.ReadAllText(File));
            Assert.Contains(SecretRedactor.Mask, System.IO.File.ReadAllText(File));
        }

        System.IO.File.WriteAllText(File, "name,email\n");
        var wrong = Assert.Throws<EvolinkException>(() => Offline());
        Assert.Contains("not an Evolink replay file", wrong.Message);
    }

    [Fact]
    public async Task As_a_cache_a_temperature_0_request_is_answered_from_a_fresh_recording_and_others_are_sent_every_time()
    {
        await using var gateway = await Gateway.StartAsync();
        EvolinkClient Caching(ReplayUse use, TimeSpan? age = null) => Gateway.Client(gateway, o =>
        {
            o.ReplayFile = File;
            o.ReplayUse = use;
            o.CacheMaximumAge = age ?? TimeSpan.FromDays(1);
        });
        ChatRequest Cold(string prompt)
        {
            var request = Requests.Prompt("gpt-5.2", prompt);
            request.Temperature = 0;
            return request;
        }

        var first = await Caching(ReplayUse.Cache).CompleteAsync(Cold("cache me"));
        var second = await Caching(ReplayUse.Cache).CompleteAsync(Cold("cache me"));
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal("cache me", second.Text);
        Assert.Single(gateway.ChatRequests);

        // No temperature given: the model's own, above 0, so a new answer each time unless CacheAll is asked.
        await Caching(ReplayUse.Cache).CompleteAsync(Requests.Prompt("gpt-5.2", "warm"));
        Assert.False((await Caching(ReplayUse.Cache).CompleteAsync(Requests.Prompt("gpt-5.2", "warm"))).FromCache);
        Assert.True((await Caching(ReplayUse.CacheAll).CompleteAsync(Requests.Prompt("gpt-5.2", "warm"))).FromCache);
        Assert.Equal(3, gateway.ChatRequests.Length);

        // Older than the maximum age: asked again, and the new answer recorded.
        var text = System.IO.File.ReadAllText(File);
        System.IO.File.WriteAllText(File, System.Text.RegularExpressions.Regex.Replace(text, "\"time\":\"[^\"]+\"",
            "\"time\":\"" + DateTimeOffset.UtcNow.AddDays(-2).ToString("o") + "\""));
        Assert.False((await Caching(ReplayUse.Cache).CompleteAsync(Cold("cache me"))).FromCache);
        Assert.True((await Caching(ReplayUse.Cache).CompleteAsync(Cold("cache me"))).FromCache);
        Assert.Equal(4, gateway.ChatRequests.Length);
        // A balance is always asked again.
        await Caching(ReplayUse.CacheAll).GetCreditsAsync();
        await Caching(ReplayUse.CacheAll).GetCreditsAsync();
        Assert.Equal(2, gateway.Requests.Count(r => r.Path == "/v1/credits"));
    }
    [Fact]
    public async Task A_reply_past_the_size_limit_is_refused_while_recording_and_nothing_is_kept()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway, o => { o.ReplayFile = File; o.ReplayUse = ReplayUse.Record; o.MaxReplyBytes = 64; });
        var error = await Assert.ThrowsAsync<EvolinkException>(() => client.CompleteAsync(Requests.Prompt("gpt-5.2", new string('x', 500))));
        Assert.Equal(EvolinkRemedy.ReplySizeLimit, error.Remedy);
        Assert.False(System.IO.File.Exists(File) && System.IO.File.ReadAllText(File).Length > 0);
    }
}
