using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Errors;
using Evolink.Transport;

namespace Evolink.Generation;

/// <summary>
/// Image, video and audio generation on the gateway: start a task (with an Idempotency-Key, as every POST), read it,
/// wait for it with bounded polling, and fetch its results. Result links are public URLs on another host: they are
/// fetched without the key, only over https (or http on this machine), and bounded in size.
/// </summary>
public sealed class GenerationClient
{
    private readonly EvolinkClient _client;

    public GenerationClient(EvolinkClient client) => _client = client;

    /// <summary>Starts a task; the reply's task (pending, with its estimate and reserved credits).</summary>
    public Task<GenerationTask> StartAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(request.Model))
            throw new EvolinkException(EvolinkErrorKind.InvalidInput, "A generation needs a model: its id as the gateway lists it (for example gpt-image-1.5 or seedance-1.0-pro).");
        if (string.IsNullOrWhiteSpace(request.Prompt))
            throw new EvolinkException(EvolinkErrorKind.InvalidInput, "A generation needs a prompt that says what to make.");
        var body = request.ToUtf8Json();
        return _client.WithinDeadline(token => SendAsync(HttpMethod.Post, request.Path, body, token), cancellationToken);
    }

    /// <summary>The task as the gateway describes it now.</summary>
    public Task<GenerationTask> GetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        CheckId(taskId);
        return _client.WithinDeadline(token => SendAsync(HttpMethod.Get, "v1/tasks/" + taskId, null, token), cancellationToken);
    }

    /// <summary>
    /// The account's recent tasks, newest first, without their result links (GET /v1/tasks, which the official clients
    /// use but the API does not document): a gateway that does not offer it is an error saying to keep the ids instead.
    /// </summary>
    public Task<IReadOnlyList<GenerationTask>> ListRecentAsync(CancellationToken cancellationToken = default) =>
        _client.WithinDeadline(async token =>
        {
            HttpResponseMessage response;
            try
            {
                response = await _client.MultimodalTransport().SendAsync(HttpMethod.Get, "v1/tasks", null, token).ConfigureAwait(false);
            }
            catch (EvolinkApiException ex) when (ex.StatusCode is 404 or 405)
            {
                throw new EvolinkException(EvolinkErrorKind.NotFound,
                    "This gateway does not list recent tasks (the endpoint is not part of the documented API): keep the ids of the tasks you start.", ex) { RequestId = ex.RequestId };
            }
            using (response)
                return await _client.ReadReplyAsync(response, "a list of tasks", root => Tasks(root, response, keep: _ => true, most: 1000), token).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// The state of up to <see cref="TaskReader.BatchSize"/> tasks in one read (POST /v1/tasks/batch, which the official
    /// clients use but the API does not document): status and progress only, no result links. Only tasks asked for are
    /// kept from the answer; an answer without a list of tasks is an InvalidResponse error.
    /// </summary>
    public Task<IReadOnlyList<GenerationTask>> ReadStatusesAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken = default) =>
        _client.WithinDeadline<IReadOnlyList<GenerationTask>>(async token =>
        {
            foreach (var id in taskIds)
                CheckId(id);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("task_ids");
                foreach (var id in taskIds)
                    writer.WriteStringValue(id);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            using var response = await _client.MultimodalTransport().SendAsync(HttpMethod.Post, "v1/tasks/batch", buffer.ToArray(), token).ConfigureAwait(false);
            var asked = new HashSet<string>(taskIds, StringComparer.Ordinal);
            return await _client.ReadReplyAsync(response, "a list of tasks", root => Tasks(root, response, keep: task => asked.Remove(task.Id), most: taskIds.Count), token).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Where a list of tasks may be in an answer: the answer itself, its data, or data.tasks / tasks.</summary>
    private static JsonElement ListIn(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
            return root;
        if (root.ValueKind != JsonValueKind.Object)
            return default;
        if (root.TryGetProperty("data", out var data))
        {
            if (data.ValueKind == JsonValueKind.Array)
                return data;
            if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("tasks", out var inner) && inner.ValueKind == JsonValueKind.Array)
                return inner;
        }
        return root.TryGetProperty("tasks", out var tasks) && tasks.ValueKind == JsonValueKind.Array ? tasks : default;
    }

    private async Task<GenerationTask> SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken token)
    {
        using var response = await _client.MultimodalTransport().SendAsync(method, path, body, token).ConfigureAwait(false);
        return await _client.ReadReplyAsync(response, "a task", root => GenerationTask.From(root) is { } task ? Received(task, response) : null, token).ConfigureAwait(false);
    }

    /// <summary>The tasks of a list in a reply, those <paramref name="keep"/> takes, at most <paramref name="most"/>; null when there is no list.</summary>
    private IReadOnlyList<GenerationTask>? Tasks(JsonElement root, HttpResponseMessage response, Func<GenerationTask, bool> keep, int most) =>
        ListIn(root) is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Select(GenerationTask.From).Where(t => t is not null && keep(t)).Take(most).Select(t => Received(t!, response)).ToList()
            : null;

    /// <summary>
    /// Every task read, whatever the read: the request id kept, and the gateway's words about a failure, which reach
    /// an error message, never with the key and never without end.
    /// </summary>
    private GenerationTask Received(GenerationTask task, HttpResponseMessage response)
    {
        task.RequestId = ReplyHeaders.RequestId(response, _client.Options.Redactor);
        task.ErrorMessage = Cut(_client.Options.Redactor.Redact(task.ErrorMessage));
        task.ErrorCode = Cut(_client.Options.Redactor.Redact(task.ErrorCode));
        return task;
    }

    /// <summary>
    /// Reads the task until it completes or fails, calling <paramref name="update"/> with each new state. The first read
    /// comes after <paramref name="interval"/>, later ones further apart (up to four times it), so a long video costs a
    /// few reads a minute. Past <paramref name="timeout"/> it stops with a Timeout error; the task goes on on the gateway.
    /// </summary>
    /// <param name="reads">Shared by many waits at once (a job of many tasks): it reads them in batches, and bounds the rate of reads together.</param>
    public async Task<GenerationTask> WaitAsync(GenerationTask task, TimeSpan interval, TimeSpan timeout, Action<GenerationTask> update, CancellationToken cancellationToken = default,
        TaskReader? reads = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var wait = interval;
        var longest = TimeSpan.FromTicks(interval.Ticks * 4);
        while (!task.IsFinished)
        {
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
                throw new EvolinkException(EvolinkErrorKind.Timeout,
                    $"The task {task.Id} was still {task.Status} ({task.Progress} %) after {timeout.TotalSeconds:0} s of waiting; it goes on on the gateway.", remedy: EvolinkRemedy.PickUpTask);
            await Task.Delay(wait < left ? wait : left, cancellationToken).ConfigureAwait(false);
            var before = task;
            task = reads is null
                ? await GetAsync(before.Id, cancellationToken).ConfigureAwait(false)
                : await reads.ReadAsync(before.Id, cancellationToken).ConfigureAwait(false);
            // A read may say less than the create did (a batch read gives the state only): what it leaves out stays.
            task.CreditsReserved ??= before.CreditsReserved;
            task.BillingRule ??= before.BillingRule;
            task.Model ??= before.Model;
            task.Type ??= before.Type;
            task.Created ??= before.Created;
            task.EstimatedTime ??= before.EstimatedTime;
            task.CanCancel ??= before.CanCancel;
            update(task);
            wait = TimeSpan.FromTicks(Math.Min(longest.Ticks, (long)(wait.Ticks * 1.5)));
        }
        return task;
    }

    /// <summary>
    /// Saves every result of a finished task, one after another, each where <paramref name="pathFor"/> says: a failed
    /// task is its mapped error, a completed one without result links a GenerationFailed error.
    /// </summary>
    public async Task<IReadOnlyList<ResultFile>> SaveAsync(GenerationTask task, Func<GenerationTask, int, string> pathFor, long maximumBytes, bool overwrite,
        CancellationToken cancellationToken = default)
    {
        if (task.IsFailed)
            throw Failed(task);
        if (task.Results.Count == 0)
            throw new EvolinkException(EvolinkErrorKind.GenerationFailed, $"The task {task.Id} completed without any result link.");
        var files = new List<ResultFile>(task.Results.Count);
        for (var i = 0; i < task.Results.Count; i++)
            files.Add(await DownloadAsync(task, i, pathFor(task, i), maximumBytes, overwrite, cancellationToken).ConfigureAwait(false));
        return files;
    }

    /// <summary>
    /// Saves one result link to <paramref name="path"/>, within the call's time limit: written beside it first and
    /// renamed when whole, so a failed download leaves no half file; an existing file is kept unless
    /// <paramref name="overwrite"/>. A link that cannot be reached, a download that breaks off and a file that cannot
    /// be written are errors of their own kind, never an unhandled exception.
    /// </summary>
    public Task<ResultFile> DownloadAsync(GenerationTask task, int index, string path, long maximumBytes, bool overwrite, CancellationToken cancellationToken = default) =>
        _client.WithinDeadline(token => FetchAsync(task, index, path, maximumBytes, overwrite, token), cancellationToken);

    private async Task<ResultFile> FetchAsync(GenerationTask task, int index, string path, long maximumBytes, bool overwrite, CancellationToken cancellationToken)
    {
        var url = task.Results[index];
        if (!Credentials.GatewayEndpoint.IsEncryptedOrLocal(url))
            throw new EvolinkException(EvolinkErrorKind.InvalidResponse,
                $"The task {task.Id} links its result {index} to {url.GetLeftPart(UriPartial.Authority)}, which is not https: it is not fetched, since what comes over plain HTTP can be changed on the way.");
        if (File.Exists(path) && !overwrite)
            throw new EvolinkException(EvolinkErrorKind.ResultFileExists, $"'{path}' is already there; it is kept.");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        HttpResponseMessage response;
        try
        {
            response = await _client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new EvolinkException(EvolinkErrorKind.Network,
                $"Result {index} of the task {task.Id} could not be fetched from {url.Host}: {ex.GetBaseException().Message}", ex, remedy: EvolinkRemedy.PickUpTask);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new EvolinkException(EvolinkErrorKind.GenerationFailed,
                    $"The link to result {index} of the task {task.Id} answered HTTP {(int)response.StatusCode}" +
                    (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone ? ": it has expired or been removed." : "."),
                    remedy: EvolinkRemedy.ResultLinkExpired);
            if (response.Content.Headers.ContentLength is { } announced && announced > maximumBytes)
                throw TooLarge(task, index, maximumBytes);
            var (full, written) = await WriteFileAsync(task, index, path, response, maximumBytes, overwrite, cancellationToken).ConfigureAwait(false);
            return new ResultFile
            {
                Path = full, Length = written, ContentType = response.Content.Headers.ContentType?.MediaType, TaskId = task.Id, Model = task.Model,
                Type = task.Type, Credits = task.CreditsReserved, Url = url, Index = index,
            };
        }
    }

    /// <summary>The body written beside <paramref name="path"/> and renamed to it when whole; the full path and the bytes written.</summary>
    private static async Task<(string Full, long Written)> WriteFileAsync(GenerationTask task, int index, string path, HttpResponseMessage response, long maximumBytes, bool overwrite,
        CancellationToken cancellationToken)
    {
        string full;
        string partial;
        FileStream target;
        try
        {
            full = Path.GetFullPath(path);
            partial = full + ".part-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            target = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Unsaved(task, index, path, ex);
        }
        long written = 0;
        try
        {
            using (target)
            using (var source = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                while (true)
                {
                    int read;
                    try
                    {
                        read = await source.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is IOException or HttpRequestException)
                    {
                        throw new EvolinkException(EvolinkErrorKind.Network,
                            $"The download of result {index} of the task {task.Id} broke off: {ex.GetBaseException().Message}", ex, remedy: EvolinkRemedy.PickUpTask);
                    }
                    if (read == 0)
                        break;
                    written += read;
                    if (written > maximumBytes)
                        throw TooLarge(task, index, maximumBytes);
                    await Written(task, index, path, () => target.WriteAsync(buffer, 0, read, cancellationToken)).ConfigureAwait(false);
                }
            }
            if (File.Exists(full))
            {
                if (!overwrite)
                    throw new EvolinkException(EvolinkErrorKind.ResultFileExists, $"'{path}' appeared while the result was fetched; it is kept.");
                await Written(task, index, path, () => { File.Delete(full); return Task.CompletedTask; }).ConfigureAwait(false);
            }
            await Written(task, index, path, () => { File.Move(partial, full); return Task.CompletedTask; }).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                if (File.Exists(partial))
                    File.Delete(partial);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Left behind, named .part-…: the error already on its way says what failed.
            }
        }
        return (full, written);
    }

    /// <summary>One write to the disk; a failure is the "could not be saved" error.</summary>
    private static async Task Written(GenerationTask task, int index, string path, Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unsaved(task, index, path, ex);
        }
    }

    private static EvolinkException Unsaved(GenerationTask task, int index, string path, Exception cause) =>
        new(EvolinkErrorKind.InvalidInput, $"Result {index} of the task {task.Id} could not be saved to '{path}': {cause.Message}", cause, EvolinkRemedy.SaveElsewhere);

    /// <summary>Ids are letters, digits and dashes (task-unified-1757165031-uyujaw3d): anything else never reaches a request.</summary>
    private static void CheckId(string taskId)
    {
        if (string.IsNullOrWhiteSpace(taskId) || taskId.Length > 200 || !taskId.All(c => c < 128 && (char.IsLetterOrDigit(c) || c is '-' or '_')))
            throw new EvolinkException(EvolinkErrorKind.InvalidTaskId, $"'{taskId}' is not a task id: a task id looks like task-unified-1757165031-uyujaw3d.", remedy: EvolinkRemedy.CheckTaskId);
    }

    private static string? Cut(string? text) => text is { Length: > 1000 } ? text.Substring(0, 1000) + "…" : text;

    private static EvolinkException TooLarge(GenerationTask task, int index, long maximumBytes) =>
        new(EvolinkErrorKind.ResultTooLarge, $"Result {index} of the task {task.Id} is larger than the {maximumBytes / (1024 * 1024)} MB download limit; nothing of it is kept.",
            remedy: EvolinkRemedy.RaiseDownloadLimit);

    /// <summary>The error for a task that failed on the gateway: its business code mapped as the chat errors' are.</summary>
    public static EvolinkException Failed(GenerationTask task)
    {
        var meaning = GatewayErrorCodes.Find(task.ErrorCode);
        var message = $"The task {task.Id} ({task.Model}) failed{(task.ErrorCode is null ? string.Empty : $" with {task.ErrorCode}")}: {task.ErrorMessage ?? "the gateway gave no reason"}.";
        return new EvolinkException(meaning?.Kind ?? EvolinkErrorKind.GenerationFailed, message, remedy: meaning?.Remedy ?? EvolinkRemedy.None) { RequestId = task.RequestId };
    }
}
