using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Commands;

/// <summary>
/// What every Evolink cmdlet shares: one cancellation token that Ctrl+C
/// (StopProcessing) trips, a way to wait for engine work on the pipeline
/// thread, and the mapping from engine failures to error records.
/// </summary>
public abstract class EvolinkCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    protected CancellationToken Cancellation => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Runs engine work and waits for it here, so every Write* stays on the pipeline thread.</summary>
    protected T Await<T>(Func<CancellationToken, Task<T>> work)
    {
        try
        {
            return Task.Run(() => work(Cancellation)).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            // Ctrl+C: PowerShell expects this exception from a stopped pipeline.
            throw new PipelineStoppedException();
        }
    }

    /// <summary>A stream's chunks, read on the pipeline thread; Ctrl+C ends the wait at once.</summary>
    protected IEnumerable<ChatChunk> Blocking(ChatStream stream)
    {
        using var chunks = stream.ToBlockingEnumerable(Cancellation).GetEnumerator();
        while (true)
        {
            try
            {
                if (!chunks.MoveNext())
                    yield break;
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            yield return chunks.Current;
        }
    }

    /// <summary>One input failed: a non-terminating error carrying the input, the rest goes on.</summary>
    protected void WriteEvolinkError(EvolinkException exception, object? input) =>
        WriteError(ToErrorRecord(exception, input));

    /// <summary>Every input would fail the same way: stop once, with a clear message.</summary>
    protected void ThrowEvolinkError(EvolinkException exception, object? input) =>
        ThrowTerminatingError(ToErrorRecord(exception, input));

    private static ErrorRecord ToErrorRecord(EvolinkException exception, object? input)
    {
        var category = (ErrorCategory)Enum.Parse(typeof(ErrorCategory), ErrorCatalog.CategoryName(exception.Kind));
        return new ErrorRecord(exception, ErrorCatalog.ErrorId(exception.Kind), category, input);
    }

    public void Dispose() => _stopping.Dispose();
}
