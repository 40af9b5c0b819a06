using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;
using Evolink.Chat;
using Evolink.Chat.Input;
using Evolink.Errors;
using Evolink.Structured;

namespace Evolink.Core.Tests;

public sealed class StructuredOutputTests
{
    private static readonly Hashtable Person = new()
    {
        ["type"] = "object",
        ["properties"] = new Hashtable
        {
            ["name"] = new Hashtable { ["type"] = "string" },
            ["age"] = new Hashtable { ["type"] = "integer", ["minimum"] = 0 },
        },
        ["required"] = new[] { "name", "age" },
        ["additionalProperties"] = false,
    };

    private static async Task<ChatResponse> AskFor(string replyText, object? schema, bool stream = false)
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Scenarios.AddReply("scripted", call => GatewayReplies.Completion(call, replyText));
        var request = Requests.Prompt("scripted", "Who?");
        new ChatOptions { JsonSchema = schema, ResponseFormat = schema is null ? "JsonObject" : null }.ApplyTo(request, System.IO.Path.GetFullPath);
        var client = Gateway.Client(gateway);
        return stream ? await client.StreamAsync(request).ToResponseAsync() : await client.CompleteAsync(request);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_reply_that_matches_the_schema_comes_back_as_plain_data(bool stream)
    {
        var reply = await AskFor("""{"name":"Ada","age":36}""", Person, stream);

        var data = Assert.IsType<Dictionary<string, object?>>(reply.Data);
        Assert.Equal("Ada", data["name"]);
        Assert.Equal(36L, data["age"]);
    }

    [Fact]
    public async Task JSON_mode_without_a_schema_parses_any_JSON_even_inside_a_code_fence()
    {
        var reply = await AskFor("```json\n[1, \"two\", null]\n```", null);

        Assert.Equal(new List<object?> { 1L, "two", null }, reply.Data);
    }

    [Fact]
    public async Task A_reply_that_is_not_JSON_is_an_error_that_keeps_the_raw_text()
    {
        var error = await Assert.ThrowsAsync<EvolinkException>(() => AskFor("Sure! Ada is 36.", Person));

        Assert.Equal(EvolinkErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("not", error.Message);
        Assert.Equal("Sure! Ada is 36.", error.PartialResponse!.Text);
    }

    [Fact]
    public async Task A_reply_that_does_not_match_the_schema_is_an_error_naming_each_mismatch_and_keeping_the_text()
    {
        var error = await Assert.ThrowsAsync<EvolinkException>(() => AskFor("""{"age":"old","extra":1}""", Person));

        Assert.Contains("$: the required properties [\"name\"] are missing", error.Message);
        Assert.Contains("$.age: expected integer, got string", error.Message);
        Assert.Contains("$.extra: no value is allowed here (additionalProperties)", error.Message);
        Assert.Equal("""{"age":"old","extra":1}""", error.PartialResponse!.Text);
    }

    [Theory]
    [InlineData("""{"type":"array","items":{"type":"number"},"minItems":2}""", "[1]", "fewer than 2")]
    [InlineData("""{"enum":["red","green"]}""", "\"blue\"", "is not one of")]
    [InlineData("""{"type":"string","pattern":"^[a-z]+$"}""", "\"ABC\"", "does not match the pattern")]
    [InlineData("""{"type":"string","maxLength":3}""", "\"abcd\"", "longer than 3")]
    [InlineData("""{"type":"number","maximum":10}""", "11", "more than the maximum")]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"null"}]}""", "3", "$: expected null, got integer")]
    [InlineData("""{"$defs":{"id":{"type":"integer"}},"type":"object","properties":{"id":{"$ref":"#/$defs/id"}}}""", """{"id":1.5}""", "$.id: expected integer")]
    [InlineData("""{"type":["string","null"]}""", "true", "$: expected string, null, got boolean")]
    [InlineData("""{"const":{"a":[1,2]}}""", """{"a":[2,1]}""", "must be")]
    public void The_validator_reports_each_kind_of_mismatch(string schema, string value, string message)
    {
        using var s = JsonDocument.Parse(schema);
        using var v = JsonDocument.Parse(value);

        var errors = SchemaChecks.For(s.RootElement).Check(v.RootElement);

        Assert.Contains(errors, e => e.Contains(message));
    }

    [Theory]
    [InlineData("""{"type":"array","items":{"type":"integer"}}""", "[1,2,3]")]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"null"}]}""", "null")]
    [InlineData("""{"const":{"a":[1,2],"b":true}}""", """{"b":true,"a":[1,2.0]}""")]
    [InlineData("""{"type":"object","format":"date-time"}""", "{}")]
    public void The_validator_accepts_matching_values(string schema, string value)
    {
        using var s = JsonDocument.Parse(schema);
        using var v = JsonDocument.Parse(value);

        Assert.Empty(SchemaChecks.For(s.RootElement).Check(v.RootElement));
    }
}
