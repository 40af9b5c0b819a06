using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Errors;

namespace Evolink.Generation;

/// <summary>
/// The reads of many tasks waited for together (a job of many generations). Reads that fall due together go as one
/// batch read of up to <see cref="BatchSize"/> tasks (POST /v1/tasks/batch, which the official clients use but the API
/// does not document; it gives status and progress only), and a task is read whole (GET /v1/tasks/{id}) only when the
/// batch says it has finished, or does not mention it. A gateway that refuses the batch read, or answers it with
/// something else, is read one task at a time from then on, as is one where it fails twice in a row (busy, silent, or
/// slower than 15 s); a batch read that fails once leaves that round's tasks to be read on their own. Every read, batch or single, passes one
/// <see cref="ReadLimit"/>, so the rate stays bounded however many tasks there are.
/// </summary>
public sealed class TaskReader
{
    /// <summary>The most ids one batch read may carry, as the official clients send them.</summary>
    public const int BatchSize = 50;

    /// <summary>Reads in flight at once, each slot held at least <see cref="ReadHold"/>: at most 10 reads a second, whatever the number of tasks.</summary>
    private const int ReadsAtOnce = 4;
    private static readonly TimeSpan ReadHold = TimeSpan.FromMilliseconds(400);

    /// <summary>The longest a batch read is waited for before its tasks are read on their own.</summary>
    private static readonly TimeSpan BatchReadTimeout = TimeSpan.FromSeconds(15);

    private readonly GenerationClient _client;
    private readonly ReadLimit _limit;
    private readonly CancellationToken _stop;
    private readonly ConcurrentQueue<Due> _due = new();
    private int _pumping;
    private volatile bool _singleOnly;
    private int _batchFailures;

    /// <param name="stop">Ends every read in flight (the job is stopped).</param>
    public TaskReader(GenerationClient client, ReadLimit limit, CancellationToken stop = default)
    {
        _client = client;
        _limit = limit;
        _stop = stop;
    }

    /// <summary>The reader for a command or job that waits for many tasks at once: at most 10 reads of the gateway a second.</summary>
    public static TaskReader ForManyTasks(GenerationClient client, CancellationToken stop) => new(client, new ReadLimit(ReadsAtOnce, ReadHold), stop);

    /// <summary>The task as the gateway describes it now: its state only while it runs, whole once it has finished.</summary>
    public async Task<GenerationTask> ReadAsync(string taskId, CancellationToken cancellationToken)
    {
        if (!_singleOnly)
        {
            var due = new Due(taskId);
            _due.Enqueue(due);
            Pump();
            GenerationTask? state;
            using (cancellationToken.Register(() => due.Answer.TrySetCanceled()))
                state = await due.Answer.Task.ConfigureAwait(false);
            if (state is { IsFinished: false })
                return state;
        }
        return await _limit.RunAsync(() => _client.GetAsync(taskId, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the one loop that sends batch reads, unless it runs already.</summary>
    private void Pump()
    {
        if (Interlocked.CompareExchange(ref _pumping, 1, 0) == 0)
            _ = Task.Run(PumpAsync);
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            if (_due.IsEmpty)
            {
                Volatile.Write(ref _pumping, 0);
                // An id queued between the check and the release would otherwise wait for the next caller.
                if (_due.IsEmpty || Interlocked.CompareExchange(ref _pumping, 1, 0) != 0)
                    return;
                continue;
            }
            if (_singleOnly)
            {
                // Queued before the refusal was known: each is read on its own, without a slot spent on nothing.
                while (_due.TryDequeue(out var due))
                    due.Answer.TrySetResult(null);
                continue;
            }
            try
            {
                // Ids keep arriving while this waits for a slot: they go in the same batch.
                await _limit.RunAsync(SendOneBatchAsync, _stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                while (_due.TryDequeue(out var left))
                    left.Answer.TrySetCanceled();
                Volatile.Write(ref _pumping, 0);
                return;
            }
        }
    }

    private async Task<int> SendOneBatchAsync()
    {
        var batch = new List<Due>(BatchSize);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (batch.Count < BatchSize && _due.TryDequeue(out var due))
        {
            if (due.Answer.Task.IsCompleted)
                continue;
            batch.Add(due);
            ids.Add(due.Id);
        }
        if (batch.Count == 0)
            return 0;
        if (_singleOnly)
        {
            // Queued before the refusal was known: each is read on its own.
            foreach (var due in batch)
                due.Answer.TrySetResult(null);
            return 0;
        }
        IReadOnlyList<GenerationTask>? states = null;
        // A state read is worth little when it is slow: bounded well under the call limits (a silent endpoint would
        // otherwise hold every wait up for the whole connection timeout, five minutes unless set).
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_stop);
        limit.CancelAfter(BatchReadTimeout);
        try
        {
            states = await _client.ReadStatusesAsync(ids, limit.Token).ConfigureAwait(false);
            _batchFailures = 0;
        }
        catch (EvolinkException ex) when (Refused(ex))
        {
            // Not offered, or not understood: every task is read on its own from now on.
            _singleOnly = true;
        }
        catch (Exception ex) when (ex is EvolinkException || ex is OperationCanceledException && !_stop.IsCancellationRequested)
        {
            // Busy, unreachable, silent or slow now: this round's tasks are read on their own, which reports what is
            // wrong. Twice in a row and the batch read is not tried again.
            if (++_batchFailures >= 2)
                _singleOnly = true;
        }
        catch (OperationCanceledException)
        {
            foreach (var due in batch)
                due.Answer.TrySetCanceled();
            throw;
        }
        catch (Exception)
        {
            // Anything else is not trusted again: the waits must never hang on a batch that cannot be read.
            _singleOnly = true;
        }
        var byId = (states ?? Array.Empty<GenerationTask>()).GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var due in batch)
            due.Answer.TrySetResult(byId.TryGetValue(due.Id, out var state) ? state : null);
        return batch.Count;
    }

    private static bool Refused(EvolinkException error) => error switch
    {
        EvolinkApiException api => api.StatusCode is 400 or 404 or 405 or 415 or 422 or 501,
        _ => error.Kind == EvolinkErrorKind.InvalidResponse,
    };

    private sealed class Due
    {
        public Due(string id) => Id = id;

        public string Id { get; }

        public TaskCompletionSource<GenerationTask?> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
