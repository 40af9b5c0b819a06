using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Batch;

namespace Evolink.Testing;

/// <summary>
/// A whole list through an <see cref="OrderedBatch{T}"/>, as a program
/// without a pipeline would run one: at most the throttle limit at once,
/// never more than the read-ahead of inputs taken ahead of the outcomes,
/// every outcome collected in the order handed over. Shared by the engine
/// tests and the engine benchmark.
/// </summary>
internal static class BatchRun
{
    public static async Task<IReadOnlyList<BatchItem<T>>> RunAsync<TInput, T>(
        IEnumerable<TInput> inputs, Func<TInput, CancellationToken, Task<T>> work, int throttleLimit, int readAhead, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<BatchItem<T>>();
        using var room = new SemaphoreSlim(readAhead, readAhead);
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        long expected = long.MaxValue;
        using var batch = new OrderedBatch<T>(throttleLimit, item =>
        {
            lock (outcomes)
            {
                outcomes.Add(item);
                if (outcomes.Count == Interlocked.Read(ref expected))
                    done.TrySetResult(true);
            }
            room.Release();
        }, ordered: true, cancellationToken);
        long count = 0;
        foreach (var input in inputs)
        {
            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
            batch.Add(input, token => work(input, token));
            count++;
        }
        lock (outcomes)
        {
            Interlocked.Exchange(ref expected, count);
            if (outcomes.Count == count)
                done.TrySetResult(true);
        }
        await done.Task.ConfigureAwait(false);
        return outcomes;
    }
}
