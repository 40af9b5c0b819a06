using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Batch;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// What every Evolink cmdlet shares: one cancellation token that Ctrl+C
/// (StopProcessing) trips, and a pump (<see cref="PipelinePump"/>). Engine
/// work runs in the background and posts what it has to say (results,
/// chunks, verbose lines) to a queue that only the pipeline thread drains,
/// so every Write* happens there.
/// </summary>
public abstract class EvolinkCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    protected CancellationToken Cancellation => _stopping.Token;

    /// <summary>The queue to the pipeline thread; the cmdlets reach it only through the members below.</summary>
    private readonly PipelinePump _pump = new();

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Queues work for the pipeline thread; safe from any thread.</summary>
    protected void Post(Action action) => _pump.Post(action);

    /// <summary>Runs engine work in the background and what it posts here until it ends; its result or exception comes back here, Ctrl+C as a stopped pipeline.</summary>
    protected T Await<T>(Func<CancellationToken, Task<T>> work) => _pump.Await(work, Cancellation, Cancellation);

    /// <summary>As <see cref="Await{T}(Func{CancellationToken, Task{T}})"/>, the work cancelled by its own token (one turn of a chat) while Ctrl+C still stops the command.</summary>
    private protected T Await<T>(Func<CancellationToken, Task<T>> work, CancellationToken workToken) => _pump.Await(work, workToken, Cancellation);

    /// <summary>A batch of concurrent calls whose outcomes come to <paramref name="deliver"/> on the pipeline thread (see <see cref="PipelineBatch{T}"/>).</summary>
    private protected PipelineBatch<T> Batch<T>(int throttleLimit, bool ordered, Action<BatchItem<T>> deliver) =>
        new(_pump, throttleLimit, ordered, deliver, Cancellation);

    // PowerShell makes -Debug on a compiled cmdlet ask at every debug, verbose and warning line (Inquire),
    // which stops a console at each one and fails a -NonInteractive session. With -Debug these lines are
    // shown on the host instead, without asking; without it (or with $DebugPreference = 'Continue') they go
    // to their streams as usual, where 4>, 5> and 3> capture them.

    /// <summary>A verbose line; shown without asking under -Debug.</summary>
    internal void Verbose(string message)
    {
        if (DebugSwitch)
            Host.UI.WriteVerboseLine(message);
        else
            WriteVerbose(message);
    }

    /// <summary>A warning; shown without asking under -Debug.</summary>
    internal void Warning(string message)
    {
        if (DebugSwitch)
            Host.UI.WriteWarningLine(message);
        else
            WriteWarning(message);
    }

    /// <summary>A debug line; shown without asking under -Debug.</summary>
    internal void Debug(string message)
    {
        if (DebugSwitch)
            Host.UI.WriteDebugLine(message);
        else
            WriteDebug(message);
    }

    private bool DebugSwitch => MyInvocation.BoundParameters.TryGetValue("Debug", out var flag) && LanguagePrimitives.IsTrue(flag);

    /// <summary>
    /// Whether a debug line would be shown or kept: under -Debug, or when $DebugPreference is anything but
    /// SilentlyContinue or Ignore. Describing each request for the debug stream costs more than the rest of a
    /// short call's own work, so it is done only then.
    /// </summary>
    internal bool DebugWanted =>
        DebugSwitch || !(LanguagePrimitives.TryConvertTo<ActionPreference>(GetVariableValue("DebugPreference"), out var preference)
                         && preference is ActionPreference.SilentlyContinue or ActionPreference.Ignore);

    /// <summary>One input failed: a non-terminating error carrying the input, the rest goes on.</summary>
    /// <param name="exception">What went wrong.</param>
    /// <param name="input">The input it happened to: the record's target object.</param>
    /// <param name="position">Which input it was (from 1), said in the message when the inputs came from the pipeline.</param>
    protected void WriteEvolinkError(EvolinkException exception, object? input, long? position = null) =>
        WriteError(ErrorMapping.ToErrorRecord(exception, input, MyInvocation.ExpectingInput ? position : null));

    /// <summary>Every input would fail the same way: stop once, with a clear message.</summary>
    protected void ThrowEvolinkError(EvolinkException exception, object? input) =>
        ThrowTerminatingError(ErrorMapping.ToErrorRecord(exception, input));

    /// <summary>Releases what a cmdlet holds beyond the shared parts; PowerShell calls Dispose once the command is done.</summary>
    protected virtual void Release()
    {
    }

    public void Dispose()
    {
        // A pipeline can end before this command does (a later command failed or took all it wanted):
        // whatever still runs in the background for it stops now rather than reading on for nobody.
        _stopping.Cancel();
        Release();
        _pump.Dispose();
        _stopping.Dispose();
    }
}
