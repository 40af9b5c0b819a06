using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;
using Evolink.Errors;
using Evolink.Runs;

namespace Evolink.Core.Tests;

/// <summary>How a run names its requests and splits them into shards: by what is sent, stable everywhere.</summary>
public sealed class RequestKeysAndShardTests
{
    private static byte[] Body(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_key_follows_the_body_and_its_occurrence_and_is_the_same_in_another_run()
    {
        var first = new RequestKeys();
        var again = new RequestKeys();
        var a1 = first.Next(Body("{\"model\":\"m\",\"messages\":[\"a\"]}"));
        var b = first.Next(Body("{\"model\":\"m\",\"messages\":[\"b\"]}"));
        var a2 = first.Next(Body("{\"model\":\"m\",\"messages\":[\"a\"]}"));

        Assert.Matches(new Regex("^evolink-[0-9a-f]{40}$"), a1);
        Assert.NotEqual(a1, b);
        // The same request twice in one run is two requests: duplicates stay apart.
        Assert.NotEqual(a1, a2);
        // Another process reading the same inputs in the same order names them alike.
        Assert.Equal(new[] { a1, b, a2 }, new[] { again.Next(Body("{\"model\":\"m\",\"messages\":[\"a\"]}")), again.Next(Body("{\"model\":\"m\",\"messages\":[\"b\"]}")), again.Next(Body("{\"model\":\"m\",\"messages\":[\"a\"]}")) });
        // Another model is another request.
        Assert.NotEqual(a1, new RequestKeys().Next(Body("{\"model\":\"n\",\"messages\":[\"a\"]}")));
    }

    [Fact]
    public void Keys_are_the_ones_earlier_versions_wrote_so_their_journals_still_answer()
    {
        // "evolink-" and the first 40 hex digits of SHA-256 over (the first 32 hex digits of SHA-256 over the body,
        // "/stream" when streamed, "#", the occurrence): worked out apart from the code, for journals already written.
        const string body = "{\"model\":\"m\",\"messages\":[\"a\"]}";
        var keys = new RequestKeys();

        Assert.Equal("evolink-120a156ea4c68ce47b23c4d8d4e45bb080086b9f", keys.Next(Body(body)));
        Assert.Equal("evolink-643b475a13b3e49f76c35bdb7ed795891338bad4", keys.Next(Body(body), streamed: true));
        Assert.Equal("evolink-3421cd364197fc26eb5394dc55fdc85e81800d9a", keys.Next(Body(body)));
    }

    [Fact]
    public void The_idempotency_key_is_the_request_key_until_a_refusal_then_one_per_refusal_within_the_gateway_s_limits()
    {
        var key = new RequestKeys().Next(Body("x"));
        Assert.Equal(key, RequestKeys.IdempotencyKey(key, 0));
        Assert.Equal(key + ".1", RequestKeys.IdempotencyKey(key, 1));
        Assert.Matches(new Regex("^[A-Za-z0-9._-]{16,96}$"), RequestKeys.IdempotencyKey(key, 999));
    }

    [Fact]
    public void Shards_one_to_n_take_every_request_exactly_once_and_about_evenly()
    {
        var keys = new RequestKeys();
        var all = Enumerable.Range(0, 4000).Select(i => keys.Next(Body("prompt " + i))).ToArray();
        var shards = Enumerable.Range(1, 4).Select(i => Shard.Parse($"{i}/4")).ToArray();

        foreach (var key in all)
            Assert.Equal(1, shards.Count(s => s.Takes(key)));
        foreach (var shard in shards)
            Assert.InRange(all.Count(shard.Takes), 850, 1150);
        Assert.All(all, k => Assert.True(Shard.Parse("1/1").Takes(k)));
        Assert.Equal("3/4", Shard.Parse(" 3 / 4 ").ToString());
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("4")]
    [InlineData("a/b")]
    [InlineData("1/0")]
    [InlineData("-1/4")]
    [InlineData("1/1001")]
    public void A_shard_that_is_not_i_of_n_is_refused_with_how_to_write_one(string text)
    {
        var error = Assert.Throws<EvolinkException>(() => Shard.Parse(text));
        Assert.Equal(EvolinkErrorKind.InvalidInput, error.Kind);
        Assert.Contains("i/n", error.Message);
        Assert.Contains("1/4", error.Message);
    }
}
