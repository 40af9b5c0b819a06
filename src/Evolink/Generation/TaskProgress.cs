using System;
using System.Management.Automation;
using Evolink.Generation;

namespace Evolink.Commands;

/// <summary>
/// How a generation task is shown in progress records, worded once for the waiting commands, -ThrottleLimit and jobs:
/// its status, progress (already 0 to 100 from the task's reading) and id, the id neutralised as every network text.
/// </summary>
internal static class TaskProgress
{
    /// <summary>The activity of one prompt's task: its kind and the start of its prompt, on one line.</summary>
    public static string Activity(GenerationKind kind, string prompt) =>
        $"Evolink {kind.ToString().ToLowerInvariant()}: {ScreenText.OneLine(prompt.Length > 40 ? prompt.Substring(0, 40) + "…" : prompt)}";

    /// <summary>A task's line, under the line <paramref name="parent"/> when there is one.</summary>
    public static ProgressRecord Of(int id, string activity, GenerationTask task, int parent = -1) =>
        new(id, activity, $"{task.Status}, {task.Progress} % ({ScreenText.OneLine(task.Id)})") { ParentActivityId = parent, PercentComplete = task.Progress };
}
