using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Batch;
using Evolink.Errors;
using Evolink.Generation;

namespace Evolink.Commands;

/// <summary>
/// -ThrottleLimit: piped prompts generated several at once, as Invoke-EvolinkChat answers them. Each prompt's task is
/// started as it comes (at most the limit running), all running tasks are read together (in batches, at most 10
/// reads a second), each result is saved as soon as its task completes, and the saved files come out in the prompts'
/// order. The progress is one line for the command (saved, failed, running) over a line per running task. Ctrl+C
/// stops the waiting, not the tasks, and names every task to pick up.
/// </summary>
public abstract partial class EvolinkGenerationCmdlet
{
    /// <summary>The id of the command's own progress line; each task's line is its prompt's place, from 1, under it.</summary>
    private const int TogetherActivityId = 0x45764F;

    /// <summary>How many prompts are generated at once (1: one after another); the saved files come out in the prompts' order. Not with -AsJob, which starts them all.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    private PipelineBatch<IReadOnlyList<ResultFile>>? _together;
    private TaskReader? _reads;
    private readonly Dictionary<int, GenerationTask> _running = new();
    private int _places;
    private int _saved;
    private int _failed;

    /// <summary>On the pipeline thread: starts this prompt's work, handing over the outcomes of earlier ones that are ready.</summary>
    private void Together(GenerationRequest request)
    {
        _together ??= Batch<IReadOnlyList<ResultFile>>(ThrottleLimit, ordered: true, Deliver);
        _reads ??= TaskReader.ForManyTasks(Generations, Cancellation);
        // Paths are resolved here, on the pipeline thread, where the current location is known.
        var folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutDirectory ?? ".");
        var file = OutFile is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
        var place = ++_places;
        var activity = TaskProgress.Activity(Kind, Prompt);
        ShowTogether();
        _together.Add(Prompt, token => GenerateAsync(request, place, activity, (task, index) => file ?? System.IO.Path.Combine(folder, FileName(task, index)), token));
    }

    private async Task<IReadOnlyList<ResultFile>> GenerateAsync(GenerationRequest request, int place, string activity, Func<GenerationTask, int, string> pathFor,
        CancellationToken token)
    {
        var task = await Generations.StartAsync(request, token).ConfigureAwait(false);
        lock (_running)
            _running[place] = task;
        try
        {
            Post(() =>
            {
                ShowTogether();
                ShowTask(place, activity, task);
            });
            task = await Generations.WaitAsync(task, TimeSpan.FromSeconds(PollIntervalSec), WaitLimit, now => Post(() => ShowTask(place, activity, now)), token, _reads)
                .ConfigureAwait(false);
            OneFileForOutFile(task);
            return await Generations.SaveAsync(task, pathFor, MaximumFileSizeMB * 1024L * 1024L, Force, token).ConfigureAwait(false);
        }
        finally
        {
            // Waited for to its end, or stopped: in either case no longer one to name after Ctrl+C.
            lock (_running)
                _running.Remove(place);
        }
    }

    /// <summary>On the pipeline thread: one prompt's outcome, in the prompts' order.</summary>
    private void Deliver(BatchItem<IReadOnlyList<ResultFile>> item)
    {
        var place = (int)item.Index + 1;
        WriteProgress(new ProgressRecord(place, "Evolink generation", item.Succeeded ? "saved" : "failed")
        {
            ParentActivityId = TogetherActivityId,
            RecordType = ProgressRecordType.Completed,
        });
        switch (item.Error)
        {
            case null:
                _saved++;
                foreach (var file in item.Result!)
                    WriteObject(file);
                break;
            case OperationCanceledException when Cancellation.IsCancellationRequested:
                break;
            case EvolinkException failure:
                _failed++;
                WriteEvolinkError(failure, item.Input);
                break;
            default:
                _failed++;
                WriteEvolinkError(new EvolinkException(EvolinkErrorKind.Unknown, item.Error.Message, item.Error), item.Input);
                break;
        }
        ShowTogether();
    }

    /// <summary>At the end: every outcome handed over, and the progress lines gone.</summary>
    private void EndTogether()
    {
        if (_together is null)
            return;
        _together.Drain();
        WriteProgress(new ProgressRecord(TogetherActivityId, "Evolink generations", "done") { RecordType = ProgressRecordType.Completed });
    }

    private void ShowTask(int place, string activity, GenerationTask task) => WriteProgress(TaskProgress.Of(place, activity, task, TogetherActivityId));

    /// <summary>The command's own line: saved and failed so far, tasks running on the gateway, prompts waiting for a place among them.</summary>
    private void ShowTogether()
    {
        int running;
        lock (_running)
            running = _running.Count;
        var waiting = Math.Max(0, _places - _saved - _failed - running);
        WriteProgress(new ProgressRecord(TogetherActivityId, "Evolink generations", $"{_saved} saved, {_failed} failed, {running} running, {waiting} waiting"));
    }

    /// <summary>Ctrl+C: the waiting stops, the tasks go on; each one started and not yet finished is named, to pick up.</summary>
    protected override void StopProcessing()
    {
        List<GenerationTask> running;
        lock (_running)
            running = new List<GenerationTask>(_running.Values);
        base.StopProcessing();
        foreach (var task in running)
            PickUpHint(task);
    }

    protected override void Release()
    {
        _together?.Dispose();
        base.Release();
    }
}
