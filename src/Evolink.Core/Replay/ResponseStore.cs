using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;
using Evolink.Files;

namespace Evolink.Replay;

/// <summary>
/// Recorded answers, so a script can be tested offline and the same way every
/// time: in record mode each successful answer is kept in a file (one JSON line:
/// the request as sent and the reply's status, type, request id and body); in
/// replay mode each request is answered from the file and nothing is sent. A
/// request is found by what it sends (method, path and body), so a stream is
/// replayed as the event stream it was, chunk by chunk, through the same reader.
/// The same request recorded several times is answered with each recording in
/// turn, then the last again. As a cache, a chat request at temperature 0 (any
/// temperature with CacheAll) is answered from its latest recording when that is
/// young enough, and sent and recorded otherwise.
/// </summary>
internal sealed class ResponseStore
{
    private const int Version = 1;
    private readonly Dictionary<string, List<Recorded>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _served = new(StringComparer.Ordinal);
    private readonly List<Recorded> _all = new();
    private readonly SecretRedactor _redactor;
    private readonly object _gate = new();

    private sealed class Recorded
    {
        public string Key = string.Empty;
        public string Method = string.Empty;
        public string Path = string.Empty;
        public string? Request;
        public int Status;
        public string ContentType = "application/json";
        public string? RequestId;
        public string Body = string.Empty;
        public DateTimeOffset? Time;
    }

    private ResponseStore(string path, ReplayUse use, TimeSpan maximumAge, SecretRedactor redactor)
    {
        Path = path;
        Use = use;
        MaximumAge = maximumAge;
        _redactor = redactor;
    }

    public string Path { get; }
    public ReplayUse Use { get; }
    public TimeSpan MaximumAge { get; }

    /// <summary>The header a reply answered from the cache carries, so the client can say so.</summary>
    public const string CachedHeader = "x-evolink-cached";

    /// <summary>Reads the file (a missing one is empty unless replaying); a file that is not a recording is refused.</summary>
    public static ResponseStore Open(string path, ReplayUse use, TimeSpan maximumAge, SecretRedactor redactor)
    {
        var full = System.IO.Path.GetFullPath(path);
        var store = new ResponseStore(full, use, maximumAge, redactor);
        if (!File.Exists(full))
        {
            if (use == ReplayUse.Replay)
                throw new EvolinkException(EvolinkErrorKind.NotRecorded,
                    $"The replay file '{full}' does not exist, so there is nothing to answer from.", remedy: EvolinkRemedy.RecordAnswers);
            return store;
        }
        var number = 0;
        foreach (var line in File.ReadLines(full))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            store.Add(Parse(line) ?? throw new EvolinkException(EvolinkErrorKind.NotRecorded,
                $"Line {number} of '{full}' is not a recorded answer; the file is not an Evolink replay file.", remedy: EvolinkRemedy.RecordAnswers));
        }
        return store;
    }

    /// <summary>Answers from the file, or (recording) sends and keeps the answer.</summary>
    /// <param name="readWhole">How the transport reads a whole reply: within its size limit and silence limit.</param>
    /// <param name="bodyText">The request as kept and compared, when its body is not JSON text (an upload): a summary, never its bytes.</param>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string apiPath, byte[]? body,
        Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, Task<byte[]>> readWhole, string? bodyText = null)
    {
        var key = KeyOf(method, apiPath, body);
        bodyText ??= body is null ? null : Encoding.UTF8.GetString(body);
        if (Use == ReplayUse.Replay)
            return Answer(key) ?? throw Missing(method, apiPath, bodyText, key);
        if (Use is ReplayUse.Cache or ReplayUse.CacheAll && Cacheable(method, body) && Fresh(key) is { } cached)
        {
            var hit = Response(cached);
            hit.Headers.TryAddWithoutValidation(CachedHeader, "true");
            return hit;
        }
        var response = await send().ConfigureAwait(false);
        // The whole reply is read here so it can be kept; the caller still reads it as it would have (a stream event by event).
        // Bounded as any reply is: a hostile gateway cannot make a recording run forever or fill memory.
        var text = Encoding.UTF8.GetString(await readWhole(response).ConfigureAwait(false));
        var recorded = new Recorded
        {
            Key = key,
            Method = method.Method,
            Path = apiPath,
            Request = bodyText,
            Status = (int)response.StatusCode,
            ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/json",
            RequestId = response.Headers.TryGetValues("x-request-id", out var ids) ? ids.FirstOrDefault() : null,
            Body = text,
            Time = DateTimeOffset.UtcNow,
        };
        Append(recorded);
        var copy = Response(recorded);
        response.Dispose();
        return copy;
    }

    private HttpResponseMessage? Answer(string key)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out var recordings))
                return null;
            _served.TryGetValue(key, out var served);
            _served[key] = served + 1;
            return Response(recordings[Math.Min(served, recordings.Count - 1)]);
        }
    }

    /// <summary>
    /// A chat request whose answer may be reused: at temperature 0 (the same answer each time, as far as a model
    /// gives one), or any with CacheAll. A balance or a model list is always asked again.
    /// </summary>
    private bool Cacheable(HttpMethod method, byte[]? body)
    {
        if (method != HttpMethod.Post || body is null)
            return false;
        if (Use == ReplayUse.CacheAll)
            return true;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("temperature", out var temperature)
                && temperature.ValueKind == JsonValueKind.Number && temperature.GetDouble() == 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The latest recording of this request, when it is younger than the maximum age.</summary>
    private Recorded? Fresh(string key)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out var recordings))
                return null;
            var latest = recordings[recordings.Count - 1];
            return latest.Time is { } time && DateTimeOffset.UtcNow - time <= MaximumAge ? latest : null;
        }
    }

    private static HttpResponseMessage Response(Recorded recorded)
    {
        var response = new HttpResponseMessage((HttpStatusCode)recorded.Status)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(recorded.Body)),
        };
        if (MediaTypeHeaderValue.TryParse(recorded.ContentType, out var type))
            response.Content.Headers.ContentType = type;
        if (recorded.RequestId is not null)
            response.Headers.TryAddWithoutValidation("x-request-id", recorded.RequestId);
        return response;
    }

    /// <summary>What a miss says: the request's key and how it differs from the nearest recorded request to the same place.</summary>
    private EvolinkException Missing(HttpMethod method, string apiPath, string? sent, string key)
    {
        sent ??= string.Empty;
        List<Recorded> candidates;
        lock (_gate)
            candidates = _all.Where(r => r.Method == method.Method && r.Path == apiPath).ToList();
        var nearest = candidates.Select(r => (Recorded: r, Diff: RequestDiff.Between(r.Request ?? string.Empty, sent)))
            .OrderBy(c => c.Diff.Changed).FirstOrDefault();
        var where = $"{method.Method} /{apiPath}";
        var message = nearest.Recorded is null
            ? $"No answer is recorded for {where} (request key {key}) in '{Path}'; it holds {_all.Count} recorded answer(s), none to that path."
            : $"No answer is recorded for {where} (request key {key}) in '{Path}'. The nearest recorded request differs (- recorded, + sent):\n{nearest.Diff.Text}";
        return new EvolinkException(EvolinkErrorKind.NotRecorded, _redactor.Redact(message)!, remedy: EvolinkRemedy.RecordAnswers);
    }

    private void Append(Recorded recorded)
    {
        var line = _redactor.Redact(Line(recorded))! + "\n";
        var bytes = Encoding.UTF8.GetBytes(line);
        using (FileLock.Acquire(UserFolders.Current.LockFor(Path), TimeSpan.FromSeconds(10)))
        using (var file = AtomicFile.OpenForAppend(Path))
            file.Write(bytes, 0, bytes.Length);
        Add(recorded);
    }

    private void Add(Recorded recorded)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(recorded.Key, out var list))
                _byKey[recorded.Key] = list = new List<Recorded>();
            list.Add(recorded);
            _all.Add(recorded);
        }
    }

    private static string KeyOf(HttpMethod method, string apiPath, byte[]? body)
    {
        using var sha = SHA256.Create();
        var head = Encoding.UTF8.GetBytes(method.Method + " /" + apiPath + "\n");
        sha.TransformBlock(head, 0, head.Length, null, 0);
        sha.TransformFinalBlock(body ?? Array.Empty<byte>(), 0, body?.Length ?? 0);
        return BitConverter.ToString(sha.Hash!, 0, 16).Replace("-", string.Empty).ToLowerInvariant();
    }

    private static string Line(Recorded r)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("evolink_replay", Version);
            json.WriteString("key", r.Key);
            json.WriteString("method", r.Method);
            json.WriteString("path", r.Path);
            json.WriteString("request", r.Request);
            json.WriteNumber("status", r.Status);
            json.WriteString("content_type", r.ContentType);
            json.WriteString("request_id", r.RequestId);
            json.WriteString("body", r.Body);
            if (r.Time is { } time)
                json.WriteString("time", time);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Recorded? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("evolink_replay", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != Version)
                return null;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return new Recorded
            {
                Key = Text("key") ?? string.Empty,
                Method = Text("method") ?? "POST",
                Path = Text("path") ?? string.Empty,
                Request = Text("request"),
                Status = root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number ? status.GetInt32() : 200,
                ContentType = Text("content_type") ?? "application/json",
                RequestId = Text("request_id"),
                Body = Text("body") ?? string.Empty,
                Time = root.TryGetProperty("time", out var time) && time.ValueKind == JsonValueKind.String && time.TryGetDateTimeOffset(out var at) ? at : null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
