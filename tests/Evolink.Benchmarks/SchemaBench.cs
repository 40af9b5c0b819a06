using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Evolink.Benchmarks;

/// <summary>
/// The cost of checking one reply against its schema, for three replies as the module gets them (one
/// Add-EvolinkProperty row, a structured reply of 20 records, a reply that fails), beside the floor measured in the
/// same run: parsing that reply's JSON, which every reply pays anyway. Each figure a median with min–max over runs of
/// many checks; the check under test comes in as a function so the same measurement can time any validator.
/// </summary>
internal static class SchemaBench
{
    private const string Row = """{"type":"object","properties":{"_row":{"type":"integer"},"Team":{"enum":["network","storage","identity"]},"Urgency":{"type":["integer","null"]},"Summary":{"type":"string"},"Due":{"type":["string","null"]}},"required":["_row","Team","Urgency","Summary","Due"],"additionalProperties":false}""";
    private const string RowReply = """{"_row":7,"Team":"storage","Urgency":3,"Summary":"Disk on srv-12 is 95% full; rotate the logs","Due":null}""";
    private const string Records = """{"type":"object","properties":{"servers":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string","pattern":"^srv-[0-9]+$"},"cpu":{"type":"number","minimum":0,"maximum":100},"tags":{"type":"array","items":{"type":"string"},"uniqueItems":true},"state":{"enum":["up","down","unknown"]}},"required":["name","cpu","state"],"additionalProperties":false}}},"required":["servers"]}""";

    public static IReadOnlyList<string> Run(Func<JsonElement, Func<JsonElement, int>> compile, int runs)
    {
        var records = new StringBuilder("""{"servers":[""");
        for (var i = 0; i < 20; i++)
            records.Append(i == 0 ? "" : ",").Append($$"""{"name":"srv-{{i}}","cpu":{{i * 4.5}},"tags":["rack-{{i % 4}}","prod"],"state":"up"}""");
        records.Append("]}");
        var failing = records.ToString().Replace("\"srv-3\"", "\"web-3\"").Replace("\"up\"}]", "\"sideways\"}]");
        var cases = new (string Name, string Schema, string Reply)[]
        {
            ("one Add-EvolinkProperty row (5 properties)", Row, RowReply),
            ("a reply of 20 records (4 properties each)", Records, records.ToString()),
            ("the same reply with 2 mismatches", Records, failing),
        };
        var lines = new List<string>
        {
            "| Reply | Check (µs) | min–max | Parse floor (µs) | ÷ floor | First read of the schema (µs) |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        };
        foreach (var (name, schemaText, replyText) in cases)
        {
            using var schema = JsonDocument.Parse(schemaText);
            var first = Stopwatch.StartNew();
            var check = compile(schema.RootElement);
            var firstRead = first.Elapsed.TotalMilliseconds * 1000;
            using var reply = JsonDocument.Parse(replyText);
            var expectedErrors = check(reply.RootElement);
            var perRun = 2_000;
            var checks = new List<double>();
            var parses = new List<double>();
            for (var run = 0; run < runs + 1; run++)
            {
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < perRun; i++)
                {
                    if (check(reply.RootElement) != expectedErrors)
                        throw new InvalidOperationException("the check gave a different answer for the same reply");
                }
                var checkMicros = watch.Elapsed.TotalMilliseconds * 1000 / perRun;
                watch.Restart();
                for (var i = 0; i < perRun; i++)
                {
                    using var parsed = JsonDocument.Parse(replyText);
                }
                var parseMicros = watch.Elapsed.TotalMilliseconds * 1000 / perRun;
                if (run > 0) // the first run warms up
                {
                    checks.Add(checkMicros);
                    parses.Add(parseMicros);
                }
            }
            var median = Stats.Median(checks);
            var floor = Stats.Median(parses);
            lines.Add($"| {name} ({expectedErrors} errors) | {median:0.0} | {checks.Min():0.0}–{checks.Max():0.0} | {floor:0.0} | {median / floor:0.0}× | {firstRead:0} |");
        }
        return lines;
    }
}
