using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Evolink.Errors;
using Evolink.Structured;
using Xunit;

namespace Evolink.Core.Tests.Structured;

/// <summary>
/// Every keyword of drafts 2020-12 and 07, checked as the specification says (Cases/keywords.json: a schema per
/// keyword and values it must accept and refuse), and what cannot be checked refused when the schema is read
/// (Cases/refused.json), never ignored.
/// </summary>
public sealed class SchemaKeywordTests
{
    private static readonly string Cases = Path.Combine(AppContext.BaseDirectory, "Structured", "Cases");

    public static IEnumerable<object[]> Keywords() => Load("keywords.json")
        .SelectMany(group => group.GetProperty("cases").EnumerateArray().Select((c, i) => new object[]
        {
            $"{group.GetProperty("keyword").GetString()} #{i + 1}", group.GetProperty("schema").GetRawText(), c[0].GetRawText(), c[1].GetBoolean(),
        }));

    public static IEnumerable<object[]> Refusals() => Load("refused.json")
        .Select(r => new object[] { r.GetProperty("why").GetString()!, r.GetProperty("schema").GetRawText(), r.GetProperty("says").GetString()! });

    [Theory]
    [MemberData(nameof(Keywords))]
    public void Each_keyword_accepts_and_refuses_as_its_draft_says(string keyword, string schema, string value, bool valid)
    {
        var errors = SchemaChecks.For(Parse(schema)).Check(Parse(value));

        Assert.True(valid == (errors.Count == 0), $"{keyword}: {value} should be {(valid ? "accepted" : "refused")}; errors: {string.Join("; ", errors)}");
        Assert.All(errors, e => Assert.StartsWith("$", e));
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_schema_that_cannot_be_checked_is_refused_when_read_saying_what(string why, string schema, string says)
    {
        var refused = Assert.Throws<EvolinkException>(() => SchemaChecks.For(Parse(schema)));

        Assert.Equal(EvolinkErrorKind.InvalidInput, refused.Kind);
        Assert.Equal(EvolinkRemedy.SchemaKeyword, refused.Remedy);
        Assert.True(refused.Message.Contains(says, StringComparison.Ordinal), $"{why}: '{refused.Message}' does not name '{says}'");
    }

    [Fact]
    public void The_path_of_a_mismatch_is_written_as_people_read_it()
    {
        var schema = Parse("""{"properties":{"servers":{"items":{"properties":{"host name":{"type":"string"},"port":{"maximum":65535}}}}}}""");

        var errors = SchemaChecks.For(schema).Check(Parse("""{"servers":[{"port":1},{"host name":5,"port":70000}]}"""));

        Assert.Contains("$.servers[1]['host name']: expected string, got integer", errors);
        Assert.Contains("$.servers[1].port: 70000 is more than the maximum 65535", errors);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void A_property_refused_by_additionalProperties_says_which_keyword_refused_it()
    {
        var errors = SchemaChecks.For(Parse("""{"properties":{"a":{}},"additionalProperties":false}""")).Check(Parse("""{"a":1,"extra":2}"""));

        Assert.Equal(new[] { "$.extra: no value is allowed here (additionalProperties)" }, errors);
    }

    [Fact]
    public void A_pattern_that_backtracks_without_end_is_stopped_and_the_value_taken_as_not_matching()
    {
        // Matching this pattern against this value takes exponential time; a hostile reply must not hang the call.
        var check = SchemaChecks.For(Parse("""{"type":"string","pattern":"^(a|aa)+$"}"""));
        var watch = Stopwatch.StartNew();

        var errors = check.Check(Parse("\"" + new string('a', 60) + "b\""));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Contains(errors, e => e.Contains("took longer than", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_quoted_in_a_mismatch_is_cut_short()
    {
        var errors = SchemaChecks.For(Parse("""{"enum":["a"]}""")).Check(Parse("\"" + new string('x', 100_000) + "\""));

        Assert.True(errors.Single().Length < 400);
    }

    [Fact]
    public void One_schema_s_id_never_reaches_another_schema()
    {
        SchemaChecks.For(Parse("""{"$id":"https://example.test/shared","type":"string"}"""));

        var refused = Assert.Throws<EvolinkException>(() => SchemaChecks.For(Parse("""{"$ref":"https://example.test/shared"}""")));

        Assert.Contains("https://example.test/shared", refused.Message);
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static IEnumerable<JsonElement> Load(string file) => Parse(File.ReadAllText(Path.Combine(Cases, file))).EnumerateArray().ToList();
}
