using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Evolink.Errors;
using Evolink.Generation;

namespace Evolink.Commands;

/// <summary>
/// What New-EvolinkImage, New-EvolinkVideo, New-EvolinkAudio and Receive-EvolinkTask share once a task exists: wait
/// for it with a progress bar (status, progress, the gateway's estimate), then save each result (links last 24 hours,
/// so saving is the default) and output where it is. Ctrl+C stops the waiting, not the task, and says how to pick it up.
/// </summary>
public abstract class EvolinkTaskCmdlet : EvolinkGatewayCmdlet
{
    private const int ActivityId = 0x45764E;

    /// <summary>The folder the results are saved in (the current one unless given); each file is named after its task, so none overwrites another task's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutDirectory { get; set; }

    /// <summary>Save the one result under this name instead (for a task with one result).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>Overwrite a file that is already there.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Seconds before the first read of the task, growing to four times it (default 2).</summary>
    [Parameter]
    [ValidateRange(0.05, 60)]
    public double PollIntervalSec { get; set; } = 2;

    /// <summary>The largest result file saved, in MB (default 512); a larger one is not kept.</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int MaximumFileSizeMB { get; set; } = 512;

    private GenerationClient? _generations;

    /// <summary>How long a task is waited for in all: the whole-call limit (-TimeoutSec), none when it is 0.</summary>
    private protected TimeSpan WaitLimit => Client!.Options.TotalTimeout is { } limit && limit > TimeSpan.Zero ? limit : TimeSpan.MaxValue;

    /// <summary>Where result <paramref name="index"/> of a task is saved: -OutFile, or its own name in -OutDirectory (the current folder unless given).</summary>
    private protected string ResultPath(GenerationTask task, int index) =>
        SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile ?? Path.Combine(OutDirectory ?? ".", FileName(task, index)));

    private protected GenerationClient Generations => _generations ??= new GenerationClient(Client!);

    /// <summary>Waits for the task and saves its results, writing out each saved file; a failure is one error record for <paramref name="input"/>.</summary>
    private protected void Receive(GenerationTask task, object input)
    {
        var activity = $"Evolink {task.Type ?? "generation"} with {ScreenText.OneLine(task.Model)}";
        var started = DateTime.UtcNow;
        try
        {
            Show(activity, task, started);
            task = Await(token => Generations.WaitAsync(task, TimeSpan.FromSeconds(PollIntervalSec), WaitLimit, now => Post(() => Show(activity, now, started)), token));
        }
        catch (EvolinkException ex)
        {
            WriteEvolinkError(ex, input);
            return;
        }
        catch (Exception ex) when (ex is PipelineStoppedException or OperationCanceledException)
        {
            PickUpHint(task);
            throw;
        }
        finally
        {
            WriteProgress(new ProgressRecord(ActivityId, activity, "done") { RecordType = ProgressRecordType.Completed });
        }
        try
        {
            OneFileForOutFile(task);
            // Paths are resolved here, on the pipeline thread, where the current location is known.
            var paths = new List<string>();
            for (var i = 0; i < task.Results.Count; i++)
                paths.Add(ResultPath(task, i));
            foreach (var file in Await(token => Generations.SaveAsync(task, (_, index) => paths[index], MaximumFileSizeMB * 1024L * 1024L, Force, token)))
                WriteObject(file);
        }
        catch (EvolinkException ex)
        {
            WriteEvolinkError(ex, input);
        }
    }

    /// <summary>-OutFile names one file: a completed task with several results is refused before anything is saved.</summary>
    private protected void OneFileForOutFile(GenerationTask task)
    {
        if (OutFile is not null && task.IsCompleted && task.Results.Count > 1)
            throw new EvolinkException(EvolinkErrorKind.InvalidInput,
                $"The task {task.Id} has {task.Results.Count} results and -OutFile names one file; use -OutDirectory to save them all.");
    }

    /// <summary>The task's id (unique), the result's place when there are several, and its type's extension.</summary>
    private protected static string FileName(GenerationTask task, int index)
    {
        var extension = Path.GetExtension(task.Results[index].AbsolutePath);
        if (extension.Length is < 2 or > 6 || !Plain(extension.Substring(1)))
            extension = task.Type switch { "video" => ".mp4", "audio" => ".mp3", _ => ".png" };
        var name = Plain(task.Id.Replace("-", string.Empty).Replace("_", string.Empty)) ? task.Id : "task";
        return task.Results.Count == 1 ? name + extension : $"{name}-{index + 1}{extension}";
    }

    private static bool Plain(string text)
    {
        foreach (var c in text)
        {
            if (!(c < 128 && char.IsLetterOrDigit(c)))
                return false;
        }
        return text.Length > 0;
    }

    private void Show(string activity, GenerationTask task, DateTime started)
    {
        var spent = DateTime.UtcNow - started;
        var left = task.EstimatedTime is { } estimate && estimate > spent ? (int)(estimate - spent).TotalSeconds : -1;
        var record = TaskProgress.Of(ActivityId, activity, task);
        record.SecondsRemaining = left;
        WriteProgress(record);
    }

    /// <summary>What a user is told when waiting stops and the task goes on: how to pick it up.</summary>
    internal static string PickUpWarning(GenerationTask task) =>
        $"Stopped waiting; the task {ScreenText.OneLine(task.Id)} goes on on the gateway. Pick it up with: Receive-EvolinkTask {ScreenText.OneLine(task.Id)}";

    private protected void PickUpHint(GenerationTask task)
    {
        try
        {
            Host.UI.WriteWarningLine(PickUpWarning(task));
        }
        catch (Exception ex) when (ex is System.Management.Automation.Host.HostException or NotImplementedException)
        {
            // A host that cannot write now: the command still stops.
        }
    }
}
