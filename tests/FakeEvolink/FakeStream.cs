using System.Collections.Generic;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FakeEvolink;

/// <summary>Writes a completion as server-sent events, following a <see cref="StreamPlan"/>.</summary>
public static class FakeStream
{
    public static async Task WriteAsync(ChatCall call, JsonObject completion, StreamPlan plan)
    {
        var http = call.Http;
        var includeUsage = call.Body["stream_options"]?["include_usage"]?.GetValue<bool>() ?? false;
        var chunks = StreamChunks.From(completion, plan, includeUsage);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.StartAsync();
        if (plan.ByteOrderMark)
            await WriteRawAsync(http, new byte[] { 0xEF, 0xBB, 0xBF }, plan);

        for (var i = 0; i < chunks.Count; i++)
        {
            if (plan.BeforeChunk is not null)
                await plan.BeforeChunk(i);
            if (plan.Delay > System.TimeSpan.Zero)
                await Task.Delay(plan.Delay, http.RequestAborted);
            if (i == plan.CloseAfter)
                return;
            if (i == plan.ResetAfter)
            {
                // Give the client time to read what was sent: a reset discards
                // unread bytes, and this fault is meant to strike mid-body.
                await Task.Delay(250);
                Faults.Reset(http);
                return;
            }
            if (i == plan.StallAfter)
                await Task.Delay(plan.StallFor, http.RequestAborted);
            if (i == plan.ErrorAfter)
            {
                await WriteErrorAsync(http, plan);
                return;
            }
            if (plan.KeepAlives)
                await WriteTextAsync(http, ": keep-alive" + plan.LineEnding + plan.LineEnding, plan);
            var json = i == plan.MalformedAfter ? "{\"id\":\"broken\",\"choices\":[{" : chunks[i].ToJsonString();
            await WriteTextAsync(http, Event(json, plan), plan);
        }
        if (!plan.OmitDone)
            await WriteTextAsync(http, Event("[DONE]", plan), plan);
    }

    private static string Event(string data, StreamPlan plan)
    {
        var prefix = plan.NoSpaceAfterColon ? "data:" : "data: ";
        var end = plan.LineEnding;
        if (plan.SplitDataLines && data.StartsWith('{'))
            return prefix + "{" + end + prefix + data.Substring(1) + end + end;
        return prefix + data + end + end;
    }

    private static Task WriteErrorAsync(HttpContext http, StreamPlan plan)
    {
        var error = new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = "upstream_error", ["message"] = "The model stopped answering", ["type"] = "upstream_error" },
        }.ToJsonString();
        var text = plan.ErrorAsEvent
            ? "event: error" + plan.LineEnding + Event(error, plan)
            : Event(error, plan);
        return WriteTextAsync(http, text, plan);
    }

    /// <summary>A stream written exactly as given: for tests that need bytes no plan makes.</summary>
    public static async Task WriteEventsAsync(HttpContext http, string events)
    {
        http.Response.ContentType = "text/event-stream";
        await WriteRawAsync(http, Encoding.UTF8.GetBytes(events), StreamPlan.Default);
    }

    private static Task WriteTextAsync(HttpContext http, string text, StreamPlan plan) =>
        WriteRawAsync(http, Encoding.UTF8.GetBytes(text), plan);

    private static async Task WriteRawAsync(HttpContext http, byte[] bytes, StreamPlan plan)
    {
        if (!plan.OneBytePerWrite)
        {
            await http.Response.Body.WriteAsync(bytes);
            await http.Response.Body.FlushAsync();
            return;
        }
        for (var i = 0; i < bytes.Length; i++)
        {
            await http.Response.Body.WriteAsync(new System.ReadOnlyMemory<byte>(bytes, i, 1));
            await http.Response.Body.FlushAsync();
        }
    }
}
