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
/// waited for together (read in batches of up to 50 where the gateway offers it, at most 10 reads a second, each task's
/// reads growing apart), and each result is saved as it completes. Its progress is one line for the whole job (how many
/// done, failed, waiting) over one line per task. Receive-Job gives the saved files and one error record per prompt
/// that failed; Stop-Job stops the waiting (the tasks go on on the gateway) and says so in the job's warnings.
/// </summary>
public sealed class GenerationJob : Job
{
    /// <summary>The id of the job's own progress line; each task's line is its place in the job, from 1, under it.</summary>
    private const int JobActivityId = 0;

    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private int _left;
    private int _total;
    private int _saved;
    private int _failed;

    internal GenerationJob(string command, string? name) : base(command, name)
    {
        PSJobTypeName = "EvolinkGenerationJob";
    }

    public override string StatusMessage => $"{_left} task(s) left";

    public override bool HasMoreData => Output.Count > 0 || Error.Count > 0 || Warning.Count > 0 || Progress.Count > 0;

    public override string Location => "Evolink";

    public override void StopJob()
    {
        if (JobStateInfo.State is JobState.Completed or JobState.Failed or JobState.Stopped)
            return;
        // Stopping is said before the waits are cancelled: cancelling can run the job to its end on this very thread,
        // and the Stopped it ends with must be its last state (Wait-Job waited out its timeout on a job left Stopping).
        SetJobState(JobState.Stopping);
        _stop.Cancel();
    }

    /// <summary>Starts and waits for every request on a thread of its own.</summary>
    internal void Start(GenerationClient client, IReadOnlyList<(GenerationRequest Request, object Input)> work, Func<GenerationTask, int, string> pathFor,
        TimeSpan interval, TimeSpan timeout, long maximumBytes, bool overwrite)
    {
        _left = _total = work.Count;
        SetJobState(JobState.Running);
        _ = Task.Run(async () =>
        {
            var reads = TaskReader.ForManyTasks(client, _stop.Token);
            try
            {
                ShowJob();
                await Task.WhenAll(work.Select((item, index) => RunOne(client, item.Request, item.Input, index + 1, reads, pathFor, interval, timeout, maximumBytes, overwrite))).ConfigureAwait(false);
                ShowJob();
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

    private async Task RunOne(GenerationClient client, GenerationRequest request, object input, int place, TaskReader reads, Func<GenerationTask, int, string> pathFor,
        TimeSpan interval, TimeSpan timeout, long maximumBytes, bool overwrite)
    {
        GenerationTask? task = null;
        var activity = TaskProgress.Activity(request.Kind, request.Prompt);
        // What the task's line ends with: saved, failed, or stopped (the job was stopped; the task goes on on the gateway).
        var outcome = "failed";
        try
        {
            task = await client.StartAsync(request, _stop.Token).ConfigureAwait(false);
            task = await client.WaitAsync(task, interval, timeout, now => ShowTask(TaskProgress.Of(place, activity, now, JobActivityId)),
                _stop.Token, reads).ConfigureAwait(false);
            foreach (var file in await client.SaveAsync(task, pathFor, maximumBytes, overwrite, _stop.Token).ConfigureAwait(false))
            {
                lock (_gate)
                    Output.Add(PSObject.AsPSObject(file));
            }
            outcome = "saved";
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            outcome = "stopped";
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
            if (outcome == "failed")
                Interlocked.Increment(ref _failed);
            else if (outcome == "saved")
                Interlocked.Increment(ref _saved);
            lock (_gate)
                Progress.Add(new ProgressRecord(place, activity, outcome) { ParentActivityId = JobActivityId, RecordType = ProgressRecordType.Completed });
            ShowJob();
        }
    }

    private void ShowTask(ProgressRecord record)
    {
        lock (_gate)
            Progress.Add(record);
    }

    /// <summary>The job's own line: what is done of it, so a glance at 20 tasks tells how far the job is.</summary>
    private void ShowJob()
    {
        var saved = Volatile.Read(ref _saved);
        var failed = Volatile.Read(ref _failed);
        var left = Volatile.Read(ref _left);
        var record = new ProgressRecord(JobActivityId, "Evolink generations", $"{saved} of {_total} saved, {failed} failed, {left} waiting")
        {
            PercentComplete = _total == 0 ? 100 : (_total - left) * 100 / _total,
        };
        if (left == 0)
            record.RecordType = ProgressRecordType.Completed;
        lock (_gate)
            Progress.Add(record);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _stop.Dispose();
        base.Dispose(disposing);
    }
}
