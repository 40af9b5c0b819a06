using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Errors;
using Evolink.Generation;

namespace Evolink.Commands;

/// <summary>
/// Generations as a PowerShell job of the module's own (job type EvolinkGenerationJob), so that Get-Job, Wait-Job,
/// Receive-Job, Stop-Job and Remove-Job work on it as on thread jobs: every prompt's task is started at once, all are
/// waited for together (at most 10 reads of the gateway a second, each task's reads growing apart), and each result is saved
/// as it completes. Receive-Job gives the saved files and one error record per prompt that failed; Stop-Job stops the
/// waiting (the tasks go on on the gateway) and says so in the job's warnings.
/// </summary>
public sealed class GenerationJob : Job
{
    /// <summary>Reads of the gateway in flight at once, each slot held at least ReadHold: at most 10 reads a second, whatever the number of tasks.</summary>
    private const int ReadsAtOnce = 4;
    private static readonly TimeSpan ReadHold = TimeSpan.FromMilliseconds(400);

    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private int _left;

    internal GenerationJob(string command, string? name) : base(command, name)
    {
        PSJobTypeName = "EvolinkGenerationJob";
    }

    public override string StatusMessage => $"{_left} task(s) left";

    public override bool HasMoreData => Output.Count > 0 || Error.Count > 0 || Warning.Count > 0 || Progress.Count > 0;

    public override string Location => "Evolink";

    public override void StopJob()
    {
        _stop.Cancel();
        SetJobState(JobState.Stopping);
    }

    /// <summary>Starts and waits for every request on a thread of its own.</summary>
    internal void Start(GenerationClient client, IReadOnlyList<(GenerationRequest Request, object Input)> work, Func<GenerationTask, int, string> pathFor,
        TimeSpan interval, TimeSpan timeout, long maximumBytes, bool overwrite)
    {
        _left = work.Count;
        SetJobState(JobState.Running);
        _ = Task.Run(async () =>
        {
            var reads = new ReadLimit(ReadsAtOnce, ReadHold);
            try
            {
                await Task.WhenAll(work.Select(item => RunOne(client, item.Request, item.Input, reads, pathFor, interval, timeout, maximumBytes, overwrite))).ConfigureAwait(false);
                SetJobState(_stop.IsCancellationRequested ? JobState.Stopped : Error.Count > 0 ? JobState.Failed : JobState.Completed);
            }
            catch (Exception ex)
            {
                lock (_gate)
                    Error.Add(new ErrorRecord(ex, "EvolinkGenerationJobFailed", ErrorCategory.NotSpecified, null));
                SetJobState(JobState.Failed);
            }
        });
    }

    private async Task RunOne(GenerationClient client, GenerationRequest request, object input, ReadLimit reads, Func<GenerationTask, int, string> pathFor,
        TimeSpan interval, TimeSpan timeout, long maximumBytes, bool overwrite)
    {
        GenerationTask? task = null;
        try
        {
            task = await client.StartAsync(request, _stop.Token).ConfigureAwait(false);
            var activity = $"Evolink {task.Type ?? "generation"}: {ScreenText.OneLine(request.Prompt.Length > 40 ? request.Prompt.Substring(0, 40) + "…" : request.Prompt)}";
            // Non-negative for every id (Math.Abs would throw on int.MinValue).
            var id = task.Id.GetHashCode() & int.MaxValue;
            task = await client.WaitAsync(task, interval, timeout, now =>
            {
                lock (_gate)
                    Progress.Add(new ProgressRecord(id, activity, $"{now.Status}, {now.Progress} % ({ScreenText.OneLine(now.Id)})") { PercentComplete = Math.Max(0, Math.Min(100, now.Progress)) });
            }, _stop.Token, reads).ConfigureAwait(false);
            if (task.IsFailed)
                throw GenerationClient.Failed(task);
            if (task.Results.Count == 0)
                throw new EvolinkException(EvolinkErrorKind.GenerationFailed, $"The task {task.Id} completed without any result link.");
            for (var i = 0; i < task.Results.Count; i++)
            {
                var file = await client.DownloadAsync(task, i, pathFor(task, i), maximumBytes, overwrite, _stop.Token).ConfigureAwait(false);
                lock (_gate)
                    Output.Add(PSObject.AsPSObject(file));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            if (task is not null)
            {
                lock (_gate)
                    Warning.Add(new WarningRecord(EvolinkTaskCmdlet.PickUpWarning(task)));
            }
        }
        catch (EvolinkException ex)
        {
            lock (_gate)
                Error.Add(ErrorMapping.ToErrorRecord(ex, input));
        }
        finally
        {
            Interlocked.Decrement(ref _left);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _stop.Dispose();
        base.Dispose(disposing);
    }
}
