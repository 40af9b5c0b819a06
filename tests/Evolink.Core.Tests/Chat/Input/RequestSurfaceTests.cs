using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Evolink.Chat;
using Evolink.Chat.Input;
using Evolink.Errors;

namespace Evolink.Core.Tests;

public sealed class RequestSurfaceTests
{
    private static string Resolve(string path) => Path.GetFullPath(path);

    private static async Task<string> SentJson(ChatOptions options, string prompt = "hi")
    {
        await using var gateway = await Gateway.StartAsync();
        var request = Requests.Prompt("m", prompt);
        options.ApplyTo(request, Resolve);
        try
        {
            await Gateway.Client(gateway).CompleteAsync(request);
        }
        catch (EvolinkException)
        {
            // A structured-output check may refuse the echo; the JSON sent is what is asserted.
        }
        return gateway.ChatRequests.Single().Body;
    }

    private const string Head = """{"model":"m","messages":[{"role":"user","content":"hi"}]""";

    [Fact]
    public async Task Every_sampling_and_length_field_is_sent_under_its_API_name()
    {
        var json = await SentJson(new ChatOptions
        {
            Temperature = 0.2, TopP = 0.9, TopK = 40, MaxTokens = 100, MaxCompletionTokens = 200,
            FrequencyPenalty = -1.5, PresencePenalty = 1.5, Count = 2, ReasoningEffort = "low", Seed = 42,
        });

        Assert.Equal(Head + ""","max_tokens":100,"max_completion_tokens":200,"temperature":0.2,"top_p":0.9,"top_k":40,"frequency_penalty":-1.5,"presence_penalty":1.5,"n":2,"reasoning_effort":"low","seed":42}""", json);
    }

    [Fact]
    public async Task Fields_left_out_are_not_sent_at_all()
    {
        Assert.Equal(Head + "}", await SentJson(new ChatOptions()));
    }

    [Fact]
    public async Task One_stop_sequence_is_a_string_and_several_are_an_array()
    {
        Assert.Equal(Head + ""","stop":"END"}""", await SentJson(new ChatOptions { Stop = new[] { "END" } }));
        Assert.Equal(Head + ""","stop":["a","b"]}""", await SentJson(new ChatOptions { Stop = new[] { "a", "b" } }));
    }

    [Fact]
    public async Task Asking_for_top_logprobs_turns_logprobs_on()
    {
        Assert.Equal(Head + ""","logprobs":true,"top_logprobs":3}""", await SentJson(new ChatOptions { TopLogprobs = 3 }));
        Assert.Equal(Head + ""","logprobs":true}""", await SentJson(new ChatOptions { Logprobs = true }));
    }

    [Fact]
    public async Task Tools_in_each_accepted_shape_and_a_tool_choice_are_sent_in_the_wire_shape()
    {
        var shortForm = new Hashtable { ["name"] = "Get-Weather", ["description"] = "Weather now", ["parameters"] = new Hashtable { ["type"] = "object" } };
        var wireForm = new Hashtable { ["type"] = "function", ["function"] = new Hashtable { ["name"] = "Get-Date" } };
        var jsonForm = """{"name":"Get-Time","parameters":{"type":"object","properties":{}}}""";

        var json = await SentJson(new ChatOptions { Tools = new object[] { shortForm, wireForm, jsonForm }, ToolChoice = "Get-Weather" });

        Assert.Equal(Head + ""","tools":[{"type":"function","function":{"name":"Get-Weather","description":"Weather now","parameters":{"type":"object"}}},""" +
            """{"type":"function","function":{"name":"Get-Date"}},{"type":"function","function":{"name":"Get-Time","parameters":{"type":"object","properties":{}}}}],""" +
            "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"Get-Weather\"}}}", json);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("auto")]
    [InlineData("required")]
    public async Task A_tool_choice_mode_is_sent_as_a_string(string mode)
    {
        Assert.Equal(Head + $",\"tool_choice\":\"{mode}\"}}", await SentJson(new ChatOptions { ToolChoice = mode }));
    }

    [Fact]
    public async Task Extra_fields_are_merged_at_the_top_level_and_win_over_a_typed_field_of_the_same_name()
    {
        var extra = new Hashtable { ["thinking"] = new Hashtable { ["type"] = "enabled" }, ["max_tokens"] = 7 };

        var json = await SentJson(new ChatOptions { MaxTokens = 100, ExtraFields = extra });

        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        Assert.Equal(7, (int)node["max_tokens"]!);
        Assert.Equal("enabled", (string?)node["thinking"]!["type"]);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, "max_tokens"));
    }

    [Fact]
    public async Task JSON_mode_sends_a_json_object_response_format()
    {
        Assert.Equal(Head + ""","response_format":{"type":"json_object"}}""", await SentJson(new ChatOptions { ResponseFormat = "JsonObject" }));
    }

    public static IEnumerable<object[]> SchemaSources()
    {
        // [ordered] in PowerShell: a plain hashtable's key order is not defined.
        yield return new object[] { new System.Collections.Specialized.OrderedDictionary { ["type"] = "object", ["required"] = new[] { "name" } } };
        yield return new object[] { """{"type":"object","required":["name"]}""" };
        var file = Path.Combine(Path.GetTempPath(), $"evolink-schema-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "{ \"type\": \"object\",\n  \"required\": [\"name\"] }");
        yield return new object[] { file };
    }

    [Theory]
    [MemberData(nameof(SchemaSources))]
    public async Task A_schema_from_a_hashtable_json_text_or_a_file_is_sent_as_json_schema(object source)
    {
        var json = await SentJson(new ChatOptions { JsonSchema = source, JsonSchemaName = "person", StrictSchema = true });

        Assert.Equal(Head + ""","response_format":{"type":"json_schema","json_schema":{"name":"person","schema":{"type":"object","required":["name"]},"strict":true}}}""", json);
    }

    [Theory]
    [InlineData("no-such-schema-file.json", "neither JSON text nor an existing file")]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("[1,2]", "neither JSON text")]
    public void A_bad_schema_is_refused_before_any_request(string schema, string message)
    {
        var request = Requests.Prompt("m", "x");

        var error = Assert.Throws<EvolinkException>(() => new ChatOptions { JsonSchema = schema }.ApplyTo(request, Resolve));

        Assert.Equal(EvolinkErrorKind.InvalidInput, error.Kind);
        Assert.Contains(message, error.Message);
    }
}
