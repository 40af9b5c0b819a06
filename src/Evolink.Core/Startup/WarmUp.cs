using System;
using System.Threading.Tasks;
using Evolink.Configuration;
#if NET
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using Evolink.Chat;
using Evolink.Credentials;
using Evolink.Markdown;
using Evolink.Transport;
#endif

namespace Evolink.Startup;

/// <summary>
/// The first chat in a new process spent most of its time compiling the
/// code it runs: about a thousand methods of the HTTP stack, the JSON
/// serializer's generic parts and the engine's own, which no ahead-of-time
/// image can hold (they are instantiated across assemblies). Run once on a
/// background thread when the module is imported, this sends a streamed and
/// a whole chat through a real client and renders a reply's Markdown, all
/// in memory (the connection is <see cref="CannedConnection"/>), after a
/// connection refused on loopback has started the socket engine
/// (<see cref="RefusedConnection"/>): no byte goes to the network, no file is
/// touched, no setting or key is read. A user's first call then finds that
/// code compiled.
/// </summary>
public static class WarmUp
{
    /// <summary>Runs the calls; the number of replies read to their end (none where there is nothing to warm: .NET Framework).</summary>
    public static Task<int> RunAsync() =>
#if NET
        RunCallsAsync();
#else
        Task.FromResult(0);
#endif

    /// <summary>The key the warm-up's calls carry: a placeholder that goes nowhere (their gateway is in memory).</summary>
    public const string PlaceholderKey = "sk-warm-up-0000000000000000";

    /// <summary>The host the warm-up's calls name: loopback, so plain HTTP is the engine's ordinary path (nothing reaches it).</summary>
    public static Uri PlaceholderHost { get; } = new("http://127.0.0.1/");

    /// <summary>
    /// Points a client's options at a gateway in memory: every chat request is answered there, a streamed one with a
    /// streamed reply and any other with a whole one, and nothing is sent. For warming a shell's own call path, which
    /// builds its client from settings as a user's call does; the options' key and host go nowhere.
    /// </summary>
    public static void AnswerInMemory(EvolinkClientOptions options) =>
#if NET
        options.Handler = InMemoryGateway();
#else
        throw new PlatformNotSupportedException("The warm-up runs on .NET, not on .NET Framework.");
#endif

#if NET
    private static async Task<int> RunCallsAsync()
    {
        // Beside the calls, not before them: where a refusal on loopback is itself slow (Windows tries a refused
        // connect again for about two seconds), the rest of the warm-up does not wait for it.
        var refusal = RefusedConnection.TryAsync();
        var options = new EvolinkClientOptions(EvolinkApiKey.FromText(PlaceholderKey))
        {
            BaseUri = PlaceholderHost,
            Retry = new RetryPolicy { MaximumRetryCount = 0 },
        };
        AnswerInMemory(options);
        try
        {
            var client = new EvolinkClient(options);
            var streamed = await client.StreamAsync(Request()).ToResponseAsync(_ => { }).ConfigureAwait(false);
            var whole = await client.CompleteAsync(Request()).ConfigureAwait(false);
            MarkdownLines.Render(streamed.Text + "\n" + whole.Text);
            return 2;
        }
        finally
        {
            options.Handler!.Dispose();
            await refusal.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The engine's own handler settings, with no proxy to look up (loopback is always direct) and an in-memory
    /// connection in place of a socket, one per request (each reply closes it), handed over asynchronously as a
    /// socket's is. A request that accepts an event stream gets the streamed reply.
    /// </summary>
    private static HttpMessageHandler InMemoryGateway()
    {
        var handler = SharedHttp.Sockets();
        handler.UseProxy = false;
        handler.ConnectCallback = async (context, _) =>
        {
            await Task.Yield();
            return new CannedConnection(AcceptsEvents(context.InitialRequestMessage) ? Streamed(StreamedReply) : Whole(WholeReply));
        };
        return handler;
    }

    private static bool AcceptsEvents(HttpRequestMessage request)
    {
        foreach (var type in request.Headers.Accept)
            if (type.MediaType == "text/event-stream")
                return true;
        return false;
    }

    private static ChatRequest Request()
    {
        var request = new ChatRequest { Model = "warm-up" };
        request.Messages.Add(ChatMessage.User("warm-up"));
        return request;
    }

    private const string StreamedReply =
        "data: {\"id\":\"w\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"warm-up\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"# A **warm** `start`\"},\"finish_reason\":null}]}\n\n" +
        "data: {\"id\":\"w\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"warm-up\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\n- one\\n- *two*\\n\"},\"finish_reason\":\"stop\"}]," +
        "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}\n\n" +
        "data: [DONE]\n\n";

    private const string WholeReply =
        "{\"id\":\"w\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"warm-up\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Ready.\"}," +
        "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

    /// <summary>A JSON reply of known length: the head, then the body in a later read.</summary>
    private static byte[][] Whole(string body)
    {
        var content = Encoding.UTF8.GetBytes(body);
        return new[] { Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {content.Length}\r\nConnection: close\r\n\r\n"), content };
    }

    /// <summary>
    /// A stream as gateways send one: chunked, each event arriving in a read of its own, so the reads of a body
    /// not there yet (the HTTP stack's chunk decoding, the engine's bounded body and event reader) wait as they do
    /// over the network.
    /// </summary>
    private static byte[][] Streamed(string events)
    {
        var pieces = new List<byte[]> { Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n") };
        foreach (var text in events.Split(new[] { "\n\n" }, StringSplitOptions.RemoveEmptyEntries))
        {
            var data = text + "\n\n";
            pieces.Add(Encoding.UTF8.GetBytes($"{Encoding.UTF8.GetByteCount(data):x}\r\n{data}\r\n"));
        }
        pieces.Add(Encoding.ASCII.GetBytes("0\r\n\r\n"));
        return pieces.ToArray();
    }
#endif
}
