using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Evolink.Chat;
using Evolink.Credentials;
using Evolink.Enrichment;
using Evolink.Errors;
using FakeEvolink;

namespace Evolink.Core.Tests;

/// <summary>The model fills declared properties for many rows at once, over real HTTP against the fake gateway.</summary>
public sealed class PropertyFillerTests
{
    private static readonly PropertySpec[] Ticket =
    {
        PropertySpec.OneOf("Category", new[] { "network", "hardware", "access", "other" }),
        PropertySpec.Of("Urgency", PropertyKind.Integer),
        PropertySpec.Of("Summary", PropertyKind.Text, "one sentence a manager understands"),
        PropertySpec.Of("Escalate", PropertyKind.Boolean),
        PropertySpec.Of("Seen", PropertyKind.DateTime),
        PropertySpec.Of("Score", PropertyKind.Number),
        PropertySpec.Of("Bytes", PropertyKind.Long),
    };

    private static Row RowOf(long position, string title)
    {
        var fields = new OrderedDictionary { ["Title"] = title };
        return Row.Of(position, fields);
    }

    private static Func<IReadOnlyList<Row>, CancellationToken, Task<ChatResponse>> Asker(EvolinkClient client, PropertyFiller filler, string model = "fake-fill") =>
        (rows, token) => client.CompleteAsync(filler.RequestFor(rows, model), token);

    private static object? Value(RowOutcome outcome, string name) => outcome.Values!.Single(v => v.Key == name).Value;

    [Fact]
    public async Task Many_rows_go_in_one_request_and_come_back_with_values_of_their_declared_types()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);
        var filler = new PropertyFiller(Ticket, "Classify IT support tickets.", SecretRedactor.None);
        var rows = new[] { RowOf(1, "VPN drops every hour"), RowOf(2, "Laptop hardware fan is loud"), RowOf(3, "Need access to the finance share, urgent") };

        var result = await filler.FillAsync(rows, Asker(client, filler), CancellationToken.None);

        Assert.Equal(1, gateway.ChatRequestCount);
        Assert.Equal(new long[] { 1, 2, 3 }, result.Outcomes.Select(o => o.Row.Position));
        Assert.All(result.Outcomes, o => Assert.Null(o.Error));
        Assert.Equal(new[] { "Category", "Urgency", "Summary", "Escalate", "Seen", "Score", "Bytes" }, result.Outcomes[0].Values!.Select(v => v.Key));
        Assert.Equal(new[] { "other", "hardware", "access" }, result.Outcomes.Select(o => Value(o, "Category")));
        Assert.IsType<int>(Value(result.Outcomes[0], "Urgency"));
        Assert.IsType<long>(Value(result.Outcomes[0], "Bytes"));
        Assert.IsType<double>(Value(result.Outcomes[0], "Score"));
        Assert.Equal(new object[] { false, false, true }, result.Outcomes.Select(o => Value(o, "Escalate")));
        Assert.Equal(new DateTime(2026, 12, 7, 9, 30, 0, DateTimeKind.Utc), Value(result.Outcomes[0], "Seen"));
        Assert.Equal("About: VPN drops every hour", Value(result.Outcomes[0], "Summary"));
        // The request carried the instructions once, every row with its own number, and the schema as the response format.
        var sent = JsonNode.Parse(gateway.ChatRequests.Single().Body)!;
        Assert.StartsWith("Classify IT support tickets.", (string)sent["messages"]![0]!["content"]!);
        var list = JsonNode.Parse((string)sent["messages"]![1]!["content"]!)!.AsArray();
        Assert.Equal(new[] { 1, 2, 3 }, list.Select(r => (int)r!["_row"]!));
        Assert.Equal("evolink_properties", (string)sent["response_format"]!["json_schema"]!["name"]!);
        Assert.True((bool)sent["response_format"]!["json_schema"]!["strict"]!);
        Assert.Single(result.Replies);
    }

    [Fact]
    public async Task Answers_are_matched_by_each_row_s_number_not_by_where_they_stand()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Scenarios.AddReply("fake-reversed", call =>
        {
            var filled = JsonNode.Parse(FillModel.Answer(call)["choices"]![0]!["message"]!["content"]!.GetValue<string>())!;
            var reversed = new JsonArray(filled["rows"]!.AsArray().Reverse().Select(r => r!.DeepClone()).ToArray());
            return GatewayReplies.Completion(call, new JsonObject { ["rows"] = reversed }.ToJsonString());
        });
        var client = Gateway.Client(gateway);
        var filler = new PropertyFiller(Ticket, null, SecretRedactor.None);
        var rows = new[] { RowOf(7, "network is down"), RowOf(8, "printer hardware"), RowOf(9, "password access") };

        var result = await filler.FillAsync(rows, Asker(client, filler, "fake-reversed"), CancellationToken.None);

        Assert.Equal(new[] { "network", "hardware", "access" }, result.Outcomes.Select(o => Value(o, "Category")));
        Assert.Equal(1, gateway.ChatRequestCount);
    }

    [Fact]
    public async Task A_row_the_reply_left_out_is_asked_again_alone_and_filled()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);
        var filler = new PropertyFiller(Ticket, null, SecretRedactor.None);
        var rows = new[] { RowOf(1, "network"), RowOf(2, "hardware [skip-once]"), RowOf(3, "access") };

        var result = await filler.FillAsync(rows, Asker(client, filler), CancellationToken.None);

        Assert.All(result.Outcomes, o => Assert.Null(o.Error));
        Assert.Equal(new[] { 1, 2, 1 }, result.Outcomes.Select(o => o.Attempts));
        Assert.Equal("hardware", Value(result.Outcomes[1], "Category"));
        Assert.Equal(2, gateway.ChatRequestCount);
        var again = JsonNode.Parse((string)JsonNode.Parse(gateway.ChatRequests[1].Body)!["messages"]![1]!["content"]!)!.AsArray();
        Assert.Single(again);
        Assert.Equal(1, (int)again[0]!["_row"]!);
        Assert.Equal(2, result.Replies.Count);
    }

    [Theory]
    [InlineData("[skip]", "the reply left it out")]
    [InlineData("[bad]", "Category: ")]
    [InlineData("[twice]", "the reply answered it twice")]
    public async Task A_row_still_wrong_after_the_retries_is_an_error_of_its_own_naming_its_position_and_what_was_wrong(string mark, string problem)
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);
        var filler = new PropertyFiller(Ticket, null, SecretRedactor.None);
        var rows = new[] { RowOf(41, "network"), RowOf(42, "hardware " + mark), RowOf(43, "access") };

        var result = await filler.FillAsync(rows, Asker(client, filler), CancellationToken.None);

        Assert.Null(result.Outcomes[0].Error);
        Assert.Null(result.Outcomes[2].Error);
        var error = result.Outcomes[1].Error!;
        Assert.Equal(EvolinkErrorKind.PropertyNotFilled, error.Kind);
        Assert.Equal(EvolinkRemedy.ClarifyProperties, error.Remedy);
        Assert.Equal(42, result.Outcomes[1].Row.Position);
        Assert.Contains(problem, error.Message);
        Assert.Contains("asked 3 times", error.Message);
        Assert.NotNull(error.PartialResponse);
        Assert.Equal(1 + PropertyFiller.DefaultRetries, gateway.ChatRequestCount);
    }

    [Fact]
    public async Task A_failed_request_is_every_row_s_error_and_nothing_is_asked_again()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);
        var filler = new PropertyFiller(Ticket, null, SecretRedactor.None);
        var rows = new[] { RowOf(1, "a"), RowOf(2, "b") };

        var result = await filler.FillAsync(rows, Asker(client, filler, "fake-status-503"), CancellationToken.None);

        Assert.All(result.Outcomes, o => Assert.Equal(EvolinkErrorKind.ServerError, o.Error!.Kind));
        Assert.Same(result.Outcomes[0].Error, result.Outcomes[1].Error);
        Assert.Equal(1, gateway.ChatRequestCount);
    }

    [Fact]
    public async Task Twenty_rows_in_one_request_cost_far_fewer_prompt_tokens_than_twenty_requests_of_one()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);
        var filler = new PropertyFiller(Ticket, "Classify IT support tickets by what they say.", SecretRedactor.None);
        var rows = Enumerable.Range(1, 20).Select(i => RowOf(i, $"ticket {i}: the VPN drops")).ToArray();

        var together = await filler.FillAsync(rows, Asker(client, filler), CancellationToken.None);
        var alone = 0;
        foreach (var row in rows)
            alone += (await filler.FillAsync(new[] { row }, Asker(client, filler), CancellationToken.None)).Replies.Sum(r => r.Usage!.Prompt ?? 0);

        var batched = together.Replies.Sum(r => r.Usage!.Prompt ?? 0);
        Assert.True(batched * 3 < alone, $"20 rows in one request took {batched} prompt tokens, one by one {alone}");
    }

    [Fact]
    public void The_row_schema_lists_every_property_as_required_and_lets_an_optional_one_be_null()
    {
        var optional = PropertySpec.OneOf("Category", new[] { "a", "b" });
        var required = PropertySpec.Of("Urgency", PropertyKind.Integer);
        required.Required = true;
        var shaped = PropertySpec.Shaped("Tags", JsonDocument.Parse("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}").RootElement);
        var schema = new RowSchema(new[] { optional, required, shaped });

        var row = JsonNode.Parse(schema.Row.GetRawText())!;
        Assert.Equal(new[] { "_row", "Category", "Urgency", "Tags" }, row["required"]!.AsArray().Select(n => (string)n!));
        Assert.False((bool)row["additionalProperties"]!);
        Assert.Equal("[\"string\",\"null\"]", row["properties"]!["Category"]!["type"]!.ToJsonString());
        Assert.Equal("[\"a\",\"b\",null]", row["properties"]!["Category"]!["enum"]!.ToJsonString());
        Assert.Equal("\"integer\"", row["properties"]!["Urgency"]!["type"]!.ToJsonString());
        Assert.Equal("null", (string)row["properties"]!["Tags"]!["anyOf"]![1]!["type"]!);
        Assert.Equal(schema.Row.GetRawText(), JsonNode.Parse(schema.Reply.GetRawText())!["properties"]!["rows"]!["items"]!.ToJsonString());
    }

    [Fact]
    public async Task A_required_property_left_null_and_an_integer_out_of_range_are_wrong_answers()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Scenarios.AddReply("fake-nulls", call => GatewayReplies.Completion(call, "{\"rows\":[{\"_row\":1,\"Urgency\":null,\"Count\":1},{\"_row\":2,\"Urgency\":3,\"Count\":3000000000}]}"));
        var client = Gateway.Client(gateway);
        var urgency = PropertySpec.Of("Urgency", PropertyKind.Integer);
        urgency.Required = true;
        var filler = new PropertyFiller(new[] { urgency, PropertySpec.Of("Count", PropertyKind.Integer) }, null, SecretRedactor.None, retries: 0);

        var result = await filler.FillAsync(new[] { RowOf(1, "a"), RowOf(2, "b") }, Asker(client, filler, "fake-nulls"), CancellationToken.None);

        Assert.Contains("Urgency: expected integer, got null", result.Outcomes[0].Error!.Message);
        Assert.Contains("Count: 3000000000 is not a whole number within", result.Outcomes[1].Error!.Message);
        Assert.Contains("asked 1 time)", result.Outcomes[1].Error!.Message);
    }

    [Fact]
    public void A_row_too_large_a_bad_name_and_a_name_declared_twice_are_refused_before_anything_is_sent()
    {
        var large = Assert.Throws<EvolinkException>(() => RowOf(5, new string('x', Row.MaximumCharacters)));
        Assert.Equal(EvolinkRemedy.SendFewerFields, large.Remedy);
        Assert.Contains("Input 5 is", large.Message);

        Assert.Contains("cannot be a filled property's name", Assert.Throws<EvolinkException>(() => PropertySpec.Of("has space", PropertyKind.Text)).Message);
        Assert.Throws<EvolinkException>(() => PropertySpec.Of("_row", PropertyKind.Text));
        Assert.Contains("declared twice", Assert.Throws<EvolinkException>(() =>
            new PropertyFiller(new[] { PropertySpec.Of("A", PropertyKind.Text), PropertySpec.Of("a", PropertyKind.Integer) }, null, SecretRedactor.None)).Message);
        Assert.Contains("without values", Assert.Throws<EvolinkException>(() => PropertySpec.OneOf("C", Array.Empty<string>())).Message);
    }

    [Fact]
    public async Task A_filled_value_that_could_drive_the_terminal_is_a_wrong_answer_and_a_line_break_is_not()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Scenarios.AddReply("fake-escapes", call => GatewayReplies.Completion(call,
            "{\"rows\":[{\"_row\":1,\"Summary\":\"two\\nlines\",\"Tags\":[\"ok\"]},{\"_row\":2,\"Summary\":\"\\u001b]52;c;aGk=\\u0007 clipboard\",\"Tags\":[\"ok\"]},{\"_row\":3,\"Summary\":\"fine\",\"Tags\":[\"\\u001b[2J\"]}]}"));
        var client = Gateway.Client(gateway);
        var filler = new PropertyFiller(new[]
        {
            PropertySpec.Of("Summary", PropertyKind.Text),
            PropertySpec.Shaped("Tags", JsonDocument.Parse("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}").RootElement),
        }, null, SecretRedactor.None, retries: 0);

        var result = await filler.FillAsync(new[] { RowOf(1, "a"), RowOf(2, "b"), RowOf(3, "c") }, Asker(client, filler, "fake-escapes"), CancellationToken.None);

        Assert.Equal("two\nlines", Value(result.Outcomes[0], "Summary"));
        Assert.Contains("Summary: holds control characters", result.Outcomes[1].Error!.Message);
        Assert.Contains("Tags: holds control characters", result.Outcomes[2].Error!.Message);
        // Ordinal: a culture-aware search ignores control characters and finds one anywhere.
        Assert.False(result.Outcomes[1].Error!.Message.Contains('\u001b'));
    }
}
