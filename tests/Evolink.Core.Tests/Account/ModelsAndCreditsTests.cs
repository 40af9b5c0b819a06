using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Evolink.Account;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Core.Tests;

public sealed class ModelsAndCreditsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("evolink-models-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task An_empty_model_list_is_an_empty_list_not_an_error()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.ModelIds.Clear();

        var models = await Gateway.Client(gateway).ListModelsAsync();

        Assert.Empty(models.Data);
    }

    [Fact]
    public async Task A_model_list_the_key_may_not_read_is_a_typed_error()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.ModelsStatus = 403;

        var error = await Assert.ThrowsAsync<EvolinkApiException>(() => Gateway.Client(gateway).ListModelsAsync());

        Assert.Equal(EvolinkErrorKind.PermissionDenied, error.Kind);
    }

    [Fact]
    public async Task The_balance_is_flat_data_a_script_can_compare()
    {
        await using var gateway = await Gateway.StartAsync();

        var credits = await Gateway.Client(gateway).GetCreditsAsync();

        Assert.Equal((123.45, 6.5, 50.0, 1.25, false), (credits.AccountRemaining!.Value, credits.AccountUsed!.Value, credits.KeyRemaining!.Value, credits.KeyUsed!.Value, credits.KeyUnlimited));
        Assert.Equal(50.0, credits.Available);
        Assert.True(credits.Available > 10);
        Assert.Equal("/v1/credits", gateway.Requests.Single().Path);
    }

    private sealed class Recorder : HttpMessageHandler
    {
        public List<Uri> Seen { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"success":true,"data":{"user":{"remaining_credits":5},"token":{"unlimited_credits":true}}}"""),
            });
        }
    }

    [Fact]
    public async Task With_the_default_host_the_balance_is_asked_of_api_evolink_ai_where_the_endpoint_lives()
    {
        var recorder = new Recorder();
        var client = new EvolinkClient(new EvolinkClientOptions(EvolinkApiKey.FromText("sk-x"))
        {
            FallbackBaseUri = EvolinkClientOptions.DocumentedFallbackUri,
            Handler = recorder,
        });

        var credits = await client.GetCreditsAsync();

        Assert.Equal("https://api.evolink.ai/v1/credits", recorder.Seen.Single().ToString());
        Assert.Equal(5, credits.Available);
    }

    private static Func<CancellationToken, Task<IReadOnlyList<string>>> Fetch(Func<int, Task<IReadOnlyList<string>>> answer, List<int> calls) =>
        _ =>
        {
            calls.Add(calls.Count + 1);
            return answer(calls.Count);
        };

    [Fact]
    public async Task Completion_ids_come_from_the_gateway_once_then_from_the_cache_until_they_expire()
    {
        var now = DateTimeOffset.Parse("2026-11-21T10:00:00Z");
        var catalog = new ModelCatalog(_folder, TimeSpan.FromHours(1), () => now);
        var calls = new List<int>();
        var fetch = Fetch(n => Task.FromResult<IReadOnlyList<string>>(new[] { $"model-{n}", "a-model" }), calls);

        var first = await catalog.GetIdsAsync("k", fetch, TimeSpan.FromSeconds(1));
        var again = await catalog.GetIdsAsync("k", fetch, TimeSpan.FromSeconds(1));
        now = now.AddHours(2);
        var later = await catalog.GetIdsAsync("k", fetch, TimeSpan.FromSeconds(1));

        Assert.Equal(new[] { "a-model", "model-1" }, first);
        Assert.Same(first, again);
        Assert.Equal(new[] { "a-model", "model-2" }, later);
        Assert.Equal(2, calls.Count);
    }

    [Fact]
    public async Task A_slow_gateway_never_holds_the_prompt_past_the_wait_and_fills_the_cache_when_it_answers()
    {
        var catalog = new ModelCatalog(_folder, TimeSpan.FromHours(1));
        var release = new TaskCompletionSource<IReadOnlyList<string>>();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var meanwhile = await catalog.GetIdsAsync("slow", _ => release.Task, TimeSpan.FromMilliseconds(200));
        var waited = clock.Elapsed;
        release.SetResult(new[] { "late-model" });
        await Task.Delay(100);
        var afterwards = await catalog.GetIdsAsync("slow", _ => throw new InvalidOperationException("should come from the cache"), TimeSpan.FromMilliseconds(200));

        Assert.Equal(ModelCatalog.DocumentedIds, meanwhile);
        Assert.InRange(waited.TotalMilliseconds, 150, 1500);
        Assert.Equal(new[] { "late-model" }, afterwards);
    }

    [Fact]
    public async Task An_unreachable_gateway_falls_back_to_the_expired_cache_and_the_disk_cache_survives_the_session()
    {
        var now = DateTimeOffset.Parse("2026-11-21T10:00:00Z");
        await new ModelCatalog(_folder, TimeSpan.FromHours(1), () => now).GetIdsAsync("disk", _ => Task.FromResult<IReadOnlyList<string>>(new[] { "saved-model" }), TimeSpan.FromSeconds(1));

        var nextSession = new ModelCatalog(_folder, TimeSpan.FromHours(1), () => now.AddDays(1));
        var ids = await nextSession.GetIdsAsync("disk", _ => throw new HttpRequestException("down"), TimeSpan.FromSeconds(1));

        Assert.Equal(new[] { "saved-model" }, ids);
    }

    [Fact]
    public void The_cache_is_named_by_a_hash_that_differs_per_key_and_host_and_never_holds_the_key()
    {
        var key = EvolinkApiKey.FromText("sk-secret-for-cache");
        var a = ModelCatalog.CacheKey(new Uri("https://direct.evolink.ai"), key);
        var b = ModelCatalog.CacheKey(new Uri("https://api.evolink.ai"), key);
        var c = ModelCatalog.CacheKey(new Uri("https://direct.evolink.ai"), EvolinkApiKey.FromText("sk-other"));

        Assert.Equal(3, new[] { a, b, c }.Distinct().Count());
        Assert.DoesNotContain("secret", a);
        Assert.Matches("^[0-9a-f]{24}$", a);
    }
}

public sealed class ProtocolTests
{
    private sealed class Recorder : System.Net.Http.HttpMessageHandler
    {
        public System.Net.Http.HttpRequestMessage? Last { get; private set; }

        protected override System.Threading.Tasks.Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
        {
            Last = request;
            return System.Threading.Tasks.Task.FromResult(new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new System.Net.Http.StringContent("""{"object":"list","data":[]}"""),
            });
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task Requests_ask_for_HTTP_2_and_accept_HTTP_1_1_where_the_server_offers_no_more()
    {
        var recorder = new Recorder();
        var client = new EvolinkClient(new EvolinkClientOptions(EvolinkApiKey.FromText("sk-x")) { BaseUri = new Uri("https://gateway.test"), Handler = recorder });

        await client.ListModelsAsync();

        Assert.Equal(System.Net.HttpVersion.Version20, recorder.Last!.Version);
        Assert.Equal(System.Net.Http.HttpVersionPolicy.RequestVersionOrLower, recorder.Last.VersionPolicy);
    }
}
