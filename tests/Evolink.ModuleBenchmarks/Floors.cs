using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.ModuleBenchmarks;

/// <summary>
/// What the same work costs with nothing but HttpClient and System.Text.Json:
/// the floor each module figure is divided by.
/// </summary>
internal sealed class Floors : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _chat;

    /// <param name="handler">Where requests go instead of the network (a replay), or null for the network.</param>
    public Floors(Uri baseUri, string key, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = TimeSpan.FromMinutes(5);
        _chat = new Uri(baseUri, "v1/chat/completions");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    /// <summary>One chat per prompt at this concurrency, each reply's text read from its JSON, in input order.</summary>
    public async Task<string[]> ChatAsync(string model, IReadOnlyList<string> prompts, int concurrency)
    {
        var replies = new string[prompts.Count];
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(prompts.Select(async (prompt, i) =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await _http.PostAsync(_chat, Body(model, prompt, stream: false));
                response.EnsureSuccessStatusCode();
                using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
                replies[i] = document.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
            }
            finally
            {
                gate.Release();
            }
        }));
        return replies;
    }

    /// <summary>A stream read as bytes, split into lines, each event's content decoded and appended: the least a streaming client must do.</summary>
    public async Task<int> StreamAsync(string model)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _chat) { Content = Body(model, "go", stream: true) };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var text = new StringBuilder();
        var buffer = new byte[1 << 16];
        var line = new List<byte>(4096);
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            // Lines found with the vectorised IndexOf, as any careful reader would.
            var start = 0;
            int at;
            while ((at = buffer.AsSpan(start, read - start).IndexOf((byte)'\n')) >= 0)
            {
                Event(line.Count == 0 ? buffer.AsSpan(start, at) : Joined(line, buffer.AsSpan(start, at)), text);
                start += at + 1;
            }
            line.AddRange(buffer.AsSpan(start, read - start).ToArray());
        }
        return text.Length;
    }

    private static ReadOnlySpan<byte> Joined(List<byte> line, ReadOnlySpan<byte> rest)
    {
        line.AddRange(rest.ToArray());
        var joined = line.ToArray();
        line.Clear();
        return joined;
    }

    private static void Event(ReadOnlySpan<byte> line, StringBuilder text)
    {
        if (!line.StartsWith("data: "u8) || line.StartsWith("data: [DONE]"u8))
            return;
        var reader = new Utf8JsonReader(line[6..]);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("content"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
                text.Append(reader.GetString());
        }
    }

    private static StringContent Body(string model, string prompt, bool stream) =>
        new(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["model"] = model,
            ["messages"] = new[] { new Dictionary<string, string> { ["role"] = "user", ["content"] = prompt } },
            ["stream"] = stream,
        }), Encoding.UTF8, "application/json");

    public void Dispose() => _http.Dispose();
}
