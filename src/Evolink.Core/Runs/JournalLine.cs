using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Evolink.Chat;
using Evolink.Errors;

namespace Evolink.Runs;

/// <summary>
/// One input's outcome as one line of JSON, close to an OpenAI batch output
/// line (<c>custom_id</c>, <c>response.status_code</c>, <c>response.request_id</c>,
/// <c>response.body</c>, <c>error.code</c>, <c>error.message</c>) so tools that read
/// those read these. Added, since a journal is read back by a rerun and by a
/// merge: <c>evolink_journal</c> (the format's version, on every line, so a line
/// is known for one without a header), <c>position</c> (the input's place, from
/// 1, to put shards back in order), <c>idempotency_key</c> and
/// <c>response.idempotency_replayed</c>, <c>error.kind</c>, <c>total_tokens</c>
/// (what the budget counts, without parsing the body) and <c>time</c>.
/// </summary>
internal static class JournalLine
{
    public const int Version = 1;

    /// <summary>What a rerun needs of a line, read without its body.</summary>
    public readonly struct Summary
    {
        public Summary(string key, long position, bool answered, long tokens, int? status)
        {
            Key = key;
            Position = position;
            Answered = answered;
            Tokens = tokens;
            Status = status;
        }

        public string Key { get; }
        public long Position { get; }
        public bool Answered { get; }
        public long Tokens { get; }

        /// <summary>The gateway's HTTP status, when it answered at all.</summary>
        public int? Status { get; }

        /// <summary>
        /// The gateway gave a final answer under the idempotency key (a refusal such as 400 or 402), which
        /// it may replay for that key: the input is sent again under a new one. A timeout, a network
        /// failure, 408, 429 or 5xx keep the key, so a request the gateway did finish is not paid twice.
        /// </summary>
        public bool SpentKey => !Answered && Status is >= 400 and < 500 and not 408 and not 429;
    }

    /// <summary>An answered input's line, without its newline.</summary>
    public static void Answer(Utf8JsonWriter json, string key, long position, string idempotencyKey, ChatResponse response, DateTimeOffset time)
    {
        Start(json, key, position, idempotencyKey, time, response.Usage?.TotalTokens ?? 0);
        json.WriteStartObject("response");
        json.WriteNumber("status_code", 200);
        json.WriteString("request_id", response.RequestId);
        json.WriteBoolean("idempotency_replayed", response.IdempotencyReplayed);
        json.WritePropertyName("body");
        // The gateway's own bytes when they are one line (they parsed as a reply, so they are JSON): nothing to write again.
        if (response.RawBody is { } raw && raw.AsSpan().IndexOfAny((byte)'\n', (byte)'\r') < 0)
            json.WriteRawValue(raw, skipInputValidation: true);
        else
            JsonSerializer.Serialize(json, response, ChatJsonContext.Default.ChatResponse);
        json.WriteEndObject();
        json.WriteNull("error");
        json.WriteEndObject();
    }

    /// <summary>A failed input's line, without its newline.</summary>
    public static void Failure(Utf8JsonWriter json, string key, long position, string idempotencyKey, EvolinkException error, DateTimeOffset time)
    {
        Start(json, key, position, idempotencyKey, time, error.PartialResponse?.Usage?.TotalTokens ?? 0);
        if (error is EvolinkApiException api)
        {
            json.WriteStartObject("response");
            json.WriteNumber("status_code", api.StatusCode);
            json.WriteString("request_id", api.RequestId);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("response");
        }
        json.WriteStartObject("error");
        json.WriteString("code", (error as EvolinkApiException)?.ErrorCode);
        json.WriteString("kind", error.Kind.ToString());
        json.WriteString("message", error.Message);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Start(Utf8JsonWriter json, string key, long position, string idempotencyKey, DateTimeOffset time, long tokens)
    {
        json.WriteStartObject();
        json.WriteNumber("evolink_journal", Version);
        json.WriteString("custom_id", key);
        json.WriteNumber("position", position);
        json.WriteString("idempotency_key", idempotencyKey);
        json.WriteString("time", time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        json.WriteNumber("total_tokens", tokens);
    }

    /// <summary>Reads a line's key, place, outcome and tokens, skipping its body; null when it is not a journal line.</summary>
    public static Summary? Read(ReadOnlySpan<byte> line, out string? problem)
    {
        problem = null;
        string? key = null;
        long position = 0;
        var answered = false;
        long tokens = 0;
        var version = 0;
        int? status = null;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "evolink_journal" when reader.TokenType == JsonTokenType.Number:
                        version = reader.GetInt32();
                        break;
                    case "custom_id" when reader.TokenType == JsonTokenType.String:
                        key = reader.GetString();
                        break;
                    case "position" when reader.TokenType == JsonTokenType.Number:
                        position = reader.GetInt64();
                        break;
                    case "total_tokens" when reader.TokenType == JsonTokenType.Number:
                        tokens = reader.GetInt64();
                        break;
                    case "response" when reader.TokenType == JsonTokenType.StartObject:
                        status = StatusIn(ref reader);
                        break;
                    case "error":
                        answered = reader.TokenType == JsonTokenType.Null;
                        reader.Skip();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        if (version != Version)
        {
            if (version > Version)
                problem = $"it was written by a later version of Evolink (journal format {version}; this one reads {Version})";
            return null;
        }
        return key is null ? null : new Summary(key, position, answered, tokens, status);
    }

    /// <summary>The status_code of the response object the reader is at, leaving the reader at its end.</summary>
    private static int? StatusIn(ref Utf8JsonReader reader)
    {
        int? status = null;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
                continue;
            var isStatus = reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("status_code");
            reader.Read();
            if (isStatus && reader.TokenType == JsonTokenType.Number)
                status = reader.GetInt32();
            else
                reader.Skip();
        }
        return status;
    }

    /// <summary>The failure recorded in a failed line, as the engine's error (kind, message, request id).</summary>
    public static EvolinkException Failure(byte[] line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var kind = EvolinkErrorKind.Unknown;
        var message = "The journal records a failure without a message.";
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            if (error.TryGetProperty("kind", out var named) && named.ValueKind == JsonValueKind.String
                && Enum.TryParse<EvolinkErrorKind>(named.GetString(), ignoreCase: false, out var parsed))
                kind = parsed;
            if (error.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String)
                message = text.GetString() ?? message;
        }
        string? requestId = null;
        if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object
            && response.TryGetProperty("request_id", out var id) && id.ValueKind == JsonValueKind.String)
            requestId = id.GetString();
        return new EvolinkException(kind, message) { RequestId = requestId };
    }

    /// <summary>The response recorded in an answered line.</summary>
    public static ChatResponse? Body(byte[] line)
    {
        using var document = JsonDocument.Parse(line);
        if (!document.RootElement.TryGetProperty("response", out var response) || !response.TryGetProperty("body", out var body))
            return null;
        var reply = body.Deserialize(ChatJsonContext.Default.ChatResponse);
        if (reply is not null && response.TryGetProperty("request_id", out var id) && id.ValueKind == JsonValueKind.String)
            reply.RequestId = id.GetString();
        return reply;
    }
}
