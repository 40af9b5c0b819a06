using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;
using Evolink.Chat;
using Evolink.Configuration;
using Evolink.Credentials;

namespace Evolink.Benchmarks;

/// <summary>The three ways of reading the same stream that are measured side by side.</summary>
internal static class Peers
{
    public const string Key = "sk-fake-0123456789abcdef";

    public static EvolinkClient Evolink(Uri baseUri, HttpMessageHandler? handler = null) =>
        new(new EvolinkClientOptions(EvolinkApiKey.FromText(Key)) { BaseUri = baseUri, Handler = handler });

    public static ChatClient OpenAi(Uri baseUri, HttpMessageHandler? handler = null, string model = "gpt-5.2")
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(baseUri, "/v1") };
        if (handler is not null)
            options.Transport = new HttpClientPipelineTransport(new HttpClient(handler));
        return new ChatClient(model, new ApiKeyCredential(Key), options);
    }

    /// <summary>Our engine: stream, and assemble the whole reply.</summary>
    public static async Task<int> ReadWithEvolink(EvolinkClient client, Action<string>? onText = null, string model = "gpt-5.2")
    {
        var chunks = 0;
        var request = ChatRequests.For(model, null, new[] { global::Evolink.Chat.ChatMessage.User("go") });
        await client.StreamAsync(request).ToResponseAsync(chunk =>
        {
            chunks++;
            onText?.Invoke(chunk.Text ?? string.Empty);
        });
        return chunks;
    }

    /// <summary>The OpenAI SDK: stream, and assemble the text the same way a caller would.</summary>
    public static async Task<int> ReadWithOpenAi(ChatClient client, Action<string>? onText = null)
    {
        var chunks = 0;
        var text = new StringBuilder();
        await foreach (var update in client.CompleteChatStreamingAsync(new UserChatMessage("go")))
        {
            chunks++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
                onText?.Invoke(part.Text);
            }
        }
        return chunks;
    }

    /// <summary>The floor: split lines and run Utf8JsonReader over each chunk, nothing else.</summary>
    public static int ReadFloor(Stream stream)
    {
        var buffer = new byte[16 * 1024];
        var carry = new MemoryStream();
        var chunks = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            while (true)
            {
                var end = span.IndexOf((byte)'\n');
                if (end < 0)
                {
                    carry.Write(span);
                    break;
                }
                ReadOnlySpan<byte> line;
                if (carry.Length > 0)
                {
                    carry.Write(span[..end]);
                    line = carry.GetBuffer().AsSpan(0, (int)carry.Length);
                }
                else
                {
                    line = span[..end];
                }
                if (line.StartsWith("data: {"u8))
                {
                    var reader = new Utf8JsonReader(line[6..]);
                    while (reader.Read())
                    {
                    }
                    chunks++;
                }
                carry.SetLength(0);
                span = span[(end + 1)..];
            }
        }
        return chunks;
    }
}
