using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FakeEvolink;

/// <summary>
/// The generation tasks of api.evolink.ai as the vendor documents them: a create answers at once with a pending task
/// (task_info, usage), each read of the task moves it on (processing with rising progress, then completed with result
/// links this fake serves itself, real PNG, MP4 or MP3 bytes), so a test waits for reads, not for time. Models named
/// fake-task-* misbehave: fails late, stays stuck, answers a read with 429 first, completes with links that have
/// expired, or with a link whose file never ends (trickle).
/// </summary>
public sealed class GenerationTasks
{
    /// <summary>Reads of a task before it completes: pending, then 25, 50, 75 % processing.</summary>
    public const int ReadsToComplete = 4;

    private readonly ConcurrentDictionary<string, FakeTask> _tasks = new(StringComparer.Ordinal);
    private int _created;

    // Each gateway's task ids are its own: tests start many gateways in one process, one after another on ports the
    // system hands out again, and a read meant for a gateway that is gone must not count as a read of this one's task.
    private static long s_gateways;
    private readonly long _idBase = GatewayReplies.Created + Interlocked.Increment(ref s_gateways) * 1_000_000;

    /// <summary>What a failed task says (a test may make it hostile: the key echoed, a very long text).</summary>
    public string FailureMessage { get; set; } = "The prompt was refused by the content policy";

    /// <summary>Reads of tasks (GET /v1/tasks/{id} and the batch read), for tests of polling.</summary>
    public int Reads => _reads;

    /// <summary>Reads of one task (single and batch): a test's own polling, whatever else reaches the gateway.</summary>
    public int ReadsOf(string taskId) => _tasks.TryGetValue(taskId, out var task) ? task.Reads : 0;

    /// <summary>The prompt a task was created with, for tests that check which output belongs to which input.</summary>
    public string? PromptOf(string taskId) =>
        _tasks.TryGetValue(taskId, out var task) ? (string?)JsonNode.Parse(task.Body)?["prompt"] : null;

    /// <summary>How many tasks created with this prompt have been read at least once: a test's own tasks, whatever other tests do.</summary>
    public int ReadTasksWith(string prompt) =>
        _tasks.Values.Count(task => task.Reads > 0 && (string?)JsonNode.Parse(task.Body)?["prompt"] == prompt);

    /// <summary>Batch reads among them (POST /v1/tasks/batch).</summary>
    public int BatchReads => _batchReads;

    /// <summary>
    /// How the batch read answers: "offered" (the default, as the official clients see it), "refused" (404), "garbled"
    /// (200 without a list), "hostile" (each task twice, running then completed, and a task nobody asked for),
    /// "silent" (never answers).
    /// </summary>
    public string BatchRead { get; set; } = "offered";

    /// <summary>Downloads of result files, and how many of them carried an Authorization header (a client must send none).</summary>
    public int Downloads => _downloads;
    public int DownloadsWithAuthorization => _downloadsWithAuthorization;

    private int _reads;
    private int _batchReads;
    private int _downloads;
    private int _downloadsWithAuthorization;

    // A 1x1 PNG, the start of an MP4 (ftyp box) and of an MP3 (ID3 tag and a frame header): small, and what a type sniffer recognises.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    private static readonly byte[] Mp4 = new byte[] { 0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0, 0, 2, 0, (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1', 0, 0, 0, 8, (byte)'f', (byte)'r', (byte)'e', (byte)'e' };
    private static readonly byte[] Mp3 = new byte[] { (byte)'I', (byte)'D', (byte)'3', 4, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0 };

    public async Task CreateAsync(HttpContext http, string kind)
    {
        var body = JsonNode.Parse((string)http.Items["body"]!) as JsonObject;
        var model = (string?)body?["model"];
        var prompt = (string?)body?["prompt"];
        if (string.IsNullOrWhiteSpace(model) || string.IsNullOrWhiteSpace(prompt))
        {
            await GatewayReplies.ErrorAsync(http, 400, "invalid_parameter", string.IsNullOrWhiteSpace(model) ? "model is required" : "prompt is required", param: string.IsNullOrWhiteSpace(model) ? "model" : "prompt");
            return;
        }
        var count = body?["n"] is JsonValue n && n.TryGetValue<int>(out var asked) ? Math.Clamp(asked, 1, 4) : 1;
        var number = Interlocked.Increment(ref _created);
        var task = new FakeTask($"task-unified-{_idBase + number}-fake{number:D4}", kind, model!, count, body!.ToJsonString());
        _tasks[task.Id] = task;
        await GatewayReplies.JsonAsync(http, Describe(http, task, withUsage: true));
    }

    public async Task ReadAsync(HttpContext http, string id)
    {
        Interlocked.Increment(ref _reads);
        if (!id.StartsWith("task-unified-", StringComparison.Ordinal))
        {
            await GatewayReplies.ErrorAsync(http, 400, "invalid_task_id", "Invalid task ID format", param: "task_id");
            return;
        }
        if (!_tasks.TryGetValue(id, out var task))
        {
            await GatewayReplies.ErrorAsync(http, 404, "task_not_found", "Task not found");
            return;
        }
        if (task.Model == "fake-task-poll-429" && Interlocked.Increment(ref task.RateLimited) == 1)
        {
            await Faults.RateLimitedAsync(http, "seconds", 1);
            return;
        }
        task.Advance();
        await GatewayReplies.JsonAsync(http, Describe(http, task, withUsage: false));
    }

    /// <summary>GET /v1/tasks: the recent tasks, newest first, without their result links (as the official clients see it).</summary>
    public Task ListAsync(HttpContext http)
    {
        var data = new JsonArray(_tasks.Values.OrderByDescending(t => t.Id, StringComparer.Ordinal).Take(20)
            .Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["model"] = t.Model, ["type"] = t.Kind, ["status"] = t.Status, ["progress"] = t.Progress, ["created"] = GatewayReplies.Created }).ToArray());
        return GatewayReplies.JsonAsync(http, new JsonObject { ["object"] = "list", ["data"] = data });
    }

    /// <summary>POST /v1/tasks/batch: up to 50 ids, status only (no result links), as the official clients use it.</summary>
    public async Task BatchAsync(HttpContext http)
    {
        var ids = (JsonNode.Parse((string)http.Items["body"]!)?["task_ids"] as JsonArray)?.Select(i => (string?)i).ToList();
        if (ids is null || ids.Count is 0 or > 50)
        {
            await GatewayReplies.ErrorAsync(http, 400, "invalid_parameter", "task_ids: 1 to 50 ids", param: "task_ids");
            return;
        }
        Interlocked.Increment(ref _reads);
        Interlocked.Increment(ref _batchReads);
        if (BatchRead == "refused")
        {
            await GatewayReplies.ErrorAsync(http, 404, "not_found", "Not found");
            return;
        }
        if (BatchRead == "silent")
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { });
            return;
        }
        if (BatchRead == "garbled")
        {
            await GatewayReplies.JsonAsync(http, new JsonObject { ["success"] = true, ["message"] = "ok" });
            return;
        }
        var data = new JsonArray();
        foreach (var id in ids)
        {
            if (id is not null && _tasks.TryGetValue(id, out var task))
            {
                task.Advance();
                data.Add(new JsonObject { ["id"] = task.Id, ["status"] = task.Status, ["progress"] = task.Progress });
                if (BatchRead == "hostile")
                    data.Add(new JsonObject { ["id"] = task.Id, ["status"] = "completed", ["progress"] = 100 });
            }
        }
        if (BatchRead == "hostile")
            data.Add(new JsonObject { ["id"] = "task-unified-1-nobody-asked", ["status"] = "failed" });
        await GatewayReplies.JsonAsync(http, new JsonObject { ["data"] = data });
    }

    /// <summary>A result file: public (no key needed, and one sent is counted), gone once "expired".</summary>
    public async Task FileAsync(HttpContext http, string id, int index)
    {
        Interlocked.Increment(ref _downloads);
        if (http.Request.Headers.ContainsKey("Authorization"))
            Interlocked.Increment(ref _downloadsWithAuthorization);
        if (!_tasks.TryGetValue(id, out var task) || task.Status != "completed" || index >= task.Count || task.Model == "fake-task-expired")
        {
            http.Response.StatusCode = 403;
            http.Response.ContentType = "application/xml";
            await http.Response.WriteAsync("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
            return;
        }
        var (bytes, type) = task.Kind switch { "video" => (Mp4, "video/mp4"), "audio" => (Mp3, "audio/mpeg"), _ => (Png, "image/png") };
        http.Response.ContentType = type;
        if (task.Model == "fake-task-trickle")
        {
            // A storage host that sends the start of the file and then nothing, for as long as the client waits.
            await http.Response.Body.WriteAsync(bytes.AsMemory(0, 8));
            await http.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { });
            return;
        }
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes);
    }

    private JsonObject Describe(HttpContext http, FakeTask task, bool withUsage)
    {
        var reply = new JsonObject
        {
            ["created"] = GatewayReplies.Created,
            ["id"] = task.Id,
            ["model"] = task.Model,
            ["object"] = $"{task.Kind}.generation.task",
            ["progress"] = task.Progress,
            ["status"] = task.Status,
            ["task_info"] = new JsonObject { ["can_cancel"] = task.Status == "pending", ["estimated_time"] = task.Kind == "video" ? 120 : 45 },
            ["type"] = task.Kind,
        };
        if (task.Status == "completed")
        {
            var root = $"{http.Request.Scheme}://{http.Request.Host}";
            var extension = task.Kind switch { "video" => "mp4", "audio" => "mp3", _ => "png" };
            reply["results"] = new JsonArray(Enumerable.Range(0, task.Count).Select(i => (JsonNode)$"{root}/fake-files/{task.Id}/{i}.{extension}").ToArray());
        }
        if (task.Status == "failed")
            reply["error"] = new JsonObject { ["code"] = "content_policy_violation", ["message"] = FailureMessage };
        if (withUsage)
            reply["usage"] = new JsonObject { ["billing_rule"] = "per_call", ["credits_reserved"] = task.Kind == "video" ? 20.0 : 1.6, ["user_group"] = "default" };
        return reply;
    }

    private sealed class FakeTask
    {
        public FakeTask(string id, string kind, string model, int count, string body)
        {
            Id = id;
            Kind = kind;
            Model = model;
            Count = count;
            Body = body;
        }

        public string Id { get; }
        public string Kind { get; }
        public string Model { get; }
        public int Count { get; }
        public string Body { get; }
        public string Status { get; private set; } = "pending";
        public int Progress { get; private set; }
        public int RateLimited;
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public void Advance()
        {
            var reads = Interlocked.Increment(ref _reads);
            (Status, Progress) = Model switch
            {
                "fake-task-stuck" => ("processing", 10),
                "fake-task-fails" when reads >= 3 => ("failed", 60),
                _ when reads >= ReadsToComplete => ("completed", 100),
                _ => ("processing", 25 * reads),
            };
        }
    }
}
