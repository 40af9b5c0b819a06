using System;
using System.IO;
using System.Linq;
using System.Threading;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// Images, video and audio as a script and a person meet them: a progress bar while the task runs, the results
/// saved and described, tasks picked up later, and every prompt ending as saved files or one error record.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class GenerationCommandTests : ModuleTest
{
    public GenerationCommandTests(ModuleEnvironment env) : base(env) { }

    private const string Fast = "-PollIntervalSec 0.05";

    [Fact]
    public void An_image_is_waited_for_with_a_progress_bar_saved_here_and_described()
    {
        var run = Run($"$f = New-EvolinkImage 'a lighthouse at dusk' -Size 16:9 {Fast}; $f.Path; $f.Length; $f.ContentType; $f.Credits; $f.Model; $f.TaskId").Succeeded();

        var (path, length, type, credits, model, task) = ((string)run.Values[0]!, run.Values[1], run.Values[2], run.Values[3], run.Values[4], (string)run.Values[5]!);
        Assert.Equal(Path.Combine(Env.WorkFolder, task + ".png"), path);
        Assert.Equal((70L, "image/png", 1.6, "gemini-2.5-flash-image"), (length, type, credits, model));
        Assert.True(File.Exists(path));
        var progress = run.HostWrites.Where(w => w.Kind == HostWriteKind.Progress).Select(w => w.Text).ToList();
        Assert.Contains(progress, p => p.StartsWith("Evolink image with gemini-2.5-flash-image: processing, 50 %", StringComparison.Ordinal));
        var sent = Env.Gateway.Requests.Last(r => r.Path == "/v1/images/generations");
        Assert.Contains("\"size\":\"16:9\"", sent.Body);
        Assert.True(sent.Headers.ContainsKey("idempotency-key"));
    }

    [Fact]
    public void Each_piped_prompt_ends_as_its_files_or_one_error_and_the_others_go_on()
    {
        var run = Run($$"""
            'a fox', 'an owl' | New-EvolinkImage -OutDirectory ./out {{Fast}} | ForEach-Object { Split-Path $_.Path -Leaf }
            New-EvolinkImage 'refused' -Model fake-task-fails {{Fast}}
            New-EvolinkVideo 'waves' -Model seedance-1.0-pro -DurationSec 5 -OutDirectory ./out {{Fast}} | ForEach-Object { $_.ContentType }
            New-EvolinkAudio 'a jingle' -Model suno-v4 -OutFile ./out/jingle.mp3 {{Fast}} | ForEach-Object { $_.ContentType }
            """);

        Assert.Equal(4, run.Values.Count);
        Assert.All(run.Values.Take(2), v => Assert.Matches(@"^task-unified-\d+-fake\d{4}\.png$", (string)v!));
        Assert.NotEqual(run.Values[0], run.Values[1]);
        Assert.Equal(new object?[] { "video/mp4", "audio/mpeg" }, run.Values.Skip(2));
        Assert.True(File.Exists(Path.Combine(Env.WorkFolder, "out", "jingle.mp3")));
        var error = Assert.Single(run.AllErrors);
        Assert.StartsWith("EvolinkContentPolicyViolation", error.FullyQualifiedErrorId);
        Assert.Equal("refused", error.TargetObject);
        Assert.Contains("failed with content_policy_violation", error.Exception.Message);
    }

    [Fact]
    public void A_task_started_without_waiting_is_picked_up_later_by_id_or_object()
    {
        var run = Run($"""
            $t = New-EvolinkImage 'a compass rose' -Count 2 -NoWait
            $t.Status
            ($t | Receive-EvolinkTask {Fast}).Path | Split-Path -Leaf
            (Get-EvolinkTask $t.Id).Status
            """).Succeeded();

        Assert.Equal("pending", run.Values[0]);
        Assert.Matches(@"-1\.png$", (string)run.Values[1]!);
        Assert.Matches(@"-2\.png$", (string)run.Values[2]!);
        Assert.Equal("completed", run.Values[3]);
    }

    [Fact]
    public void A_file_already_there_is_kept_unless_Force_and_WhatIf_spends_nothing()
    {
        Env.WriteFile("mine.png", "mine");

        var kept = Run($"New-EvolinkImage 'x' -OutFile ./mine.png {Fast}");
        Assert.Equal("mine", Env.ReadFile("mine.png"));
        Run($"New-EvolinkImage 'x' -OutFile ./mine.png -Force {Fast}").Succeeded();
        var before = Env.Gateway.Requests.Count(r => r.Path == "/v1/images/generations");
        Run("New-EvolinkImage 'x' -WhatIf").Succeeded();

        Assert.StartsWith("EvolinkResultFileExists", Assert.Single(kept.AllErrors).FullyQualifiedErrorId);
        Assert.NotEqual("mine", Env.ReadFile("mine.png"));
        Assert.Equal(before, Env.Gateway.Requests.Count(r => r.Path == "/v1/images/generations"));
    }

    [Fact]
    public void A_wait_past_TimeoutSec_and_an_expired_link_are_errors_that_say_what_to_do()
    {
        var run = Run($"""
            New-EvolinkImage 'stuck' -Model fake-task-stuck -TimeoutSec 1 {Fast}
            New-EvolinkImage 'late' -Model fake-task-expired {Fast}
            """);

        var errors = run.AllErrors.ToList();
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("EvolinkTimeout", errors[0].FullyQualifiedErrorId);
        Assert.Contains("Receive-EvolinkTask <id> waits for it again", errors[0].ErrorDetails.RecommendedAction);
        Assert.StartsWith("EvolinkGenerationFailed", errors[1].FullyQualifiedErrorId);
        Assert.Contains("Result links last 24 hours", errors[1].ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void Ctrl_C_stops_the_wait_at_once_and_says_how_to_pick_the_task_up()
    {
        var running = Shell.Start($"New-EvolinkImage 'stuck' -Model fake-task-stuck {Fast}", atConsole: true);
        for (var i = 0; i < 100 && Env.Gateway.Generations.Reads == 0; i++)
            Thread.Sleep(20);
        Thread.Sleep(200);

        var took = running.Stop();

        Assert.True(took < TimeSpan.FromSeconds(3), $"stopping took {took}");
        var warning = Shell.UI.Writes.Where(w => w.Kind == HostWriteKind.Warning).Select(w => w.Text).Single();
        Assert.Matches(@"^Stopped waiting; the task task-unified-\S+ goes on on the gateway\. Pick it up with: Receive-EvolinkTask task-unified-\S+$", warning);
    }

    [Fact]
    public void OutFile_with_a_task_of_several_results_is_one_error_saying_to_use_OutDirectory_and_nothing_is_saved()
    {
        var run = Run($"New-EvolinkImage 'two foxes' -Count 2 -OutFile ./one.png {Fast} -ErrorVariable failed -ErrorAction SilentlyContinue; $failed.Count; $failed[0].FullyQualifiedErrorId; $failed[0].Exception.Message");

        Assert.Equal(1, run.Values[0]);
        Assert.StartsWith("EvolinkInvalidInput", (string)run.Values[1]!);
        Assert.Matches(@"^The task task-unified-\S+ has 2 results and -OutFile names one file; use -OutDirectory to save them all\.$", (string)run.Values[2]!);
        Assert.False(File.Exists(Path.Combine(Env.WorkFolder, "one.png")));
    }

    [Fact]
    public void A_folder_that_cannot_be_written_is_one_error_naming_the_path_and_how_to_save_the_results_elsewhere()
    {
        var run = Run($$"""
            Set-Content ./blocker 'a file, not a folder'
            'a fox', 'an owl' | New-EvolinkImage -OutDirectory ./blocker/art {{Fast}} -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.Count
            $failed[0].FullyQualifiedErrorId
            $failed[0].Exception.Message
            $failed[0].ErrorDetails.RecommendedAction
            """);

        Assert.Equal(2, run.Values[0]);
        Assert.StartsWith("EvolinkInvalidInput", (string)run.Values[1]!);
        Assert.Matches(@"^Result 0 of the task task-unified-\S+ could not be saved to '.*blocker/art/task-unified-\S+\.png': ", (string)run.Values[2]!);
        Assert.Contains("Receive-EvolinkTask <id> -OutDirectory", (string)run.Values[3]!);
    }

    [Fact]
    public void With_a_throttle_limit_piped_prompts_are_generated_at_once_and_their_files_come_out_in_the_prompts_order()
    {
        var requestsBefore = Env.Gateway.Requests.Count;
        var run = Run($$"""
            'a fox', ' ', 'an owl', 'a heron' | New-EvolinkImage -ThrottleLimit 3 -OutDirectory ./together {{Fast}} -ErrorVariable failed -ErrorAction SilentlyContinue |
                ForEach-Object TaskId
            $failed.Count
            $failed[0].TargetObject
            """);

        var tasks = run.Values.Take(3).Cast<string>().ToList();
        Assert.Equal(new[] { "a fox", "an owl", "a heron" }, tasks.Select(Env.Gateway.Generations.PromptOf));
        Assert.Equal(new object?[] { 1, " " }, run.Values.Skip(3));
        // Every task was started before the first result was fetched: they ran at once, not one after another.
        var sent = Env.Gateway.Requests.Skip(requestsBefore).Select(r => r.Path).ToList();
        Assert.True(sent.FindLastIndex(p => p == "/v1/images/generations") < sent.FindIndex(p => p.StartsWith("/fake-files/", StringComparison.Ordinal)), string.Join(", ", sent));
        Assert.Contains("/v1/tasks/batch", sent);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(Env.WorkFolder, "together"), "*.png").Length);
        var progress = run.HostWrites.Where(w => w.Kind == HostWriteKind.Progress).Select(w => w.Text).ToList();
        Assert.Contains(progress, p => p.StartsWith("Evolink generations: 0 saved, 0 failed, 0 running, 1 waiting", StringComparison.Ordinal));
        Assert.Contains(progress, p => p.StartsWith("Evolink generations: 0 saved, 0 failed, 3 running, ", StringComparison.Ordinal));
        Assert.Contains(progress, p => p.StartsWith("Evolink image: an owl: processing", StringComparison.Ordinal));
    }

    [Fact]
    public void Ctrl_C_with_a_throttle_limit_stops_every_wait_and_names_each_task_to_pick_up()
    {
        var running = Shell.Start($"'ctrl-c one', 'ctrl-c two' | New-EvolinkImage -Model fake-task-stuck -ThrottleLimit 2 {Fast}", atConsole: true);
        // Both of this test's own tasks created and read at least once (counts of all tasks may be other tests' jobs).
        for (var i = 0; i < 500 && Env.Gateway.Generations.ReadTasksWith("ctrl-c one") + Env.Gateway.Generations.ReadTasksWith("ctrl-c two") < 2; i++)
            Thread.Sleep(20);
        Thread.Sleep(300);

        var took = running.Stop();

        Assert.True(took < TimeSpan.FromSeconds(3), $"stopping took {took}");
        var warnings = Shell.UI.Writes.Where(w => w.Kind == HostWriteKind.Warning).Select(w => w.Text).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Matches(@"^Stopped waiting; the task task-unified-\S+ goes on on the gateway\. Pick it up with: Receive-EvolinkTask task-unified-\S+$", w));
        Assert.Equal(2, warnings.Distinct().Count());
    }

    [Fact]
    public void As_a_job_every_prompt_runs_at_once_and_the_job_commands_understand_it()
    {
        var run = Run($$"""
            $j = 'a fox', 'an owl', 'a heron' | New-EvolinkImage -AsJob -JobName birds -OutDirectory ./jobs {{Fast}}
            $j.PSJobTypeName
            $null = Wait-Job -Name birds -Timeout 30
            $j.State
            (Receive-Job $j | ForEach-Object { Split-Path $_.Path -Leaf } | Sort-Object -Unique).Count
            Remove-Job $j
            @(Get-Job -Name birds -ErrorAction SilentlyContinue).Count
            """).Succeeded();

        Assert.Equal(new object?[] { "EvolinkGenerationJob", "Completed", 3, 0 }, run.Values);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(Env.WorkFolder, "jobs"), "*.png").Length);
    }

    [Fact]
    public void A_job_shows_one_line_for_the_whole_job_over_a_line_per_task_and_reads_its_tasks_in_batches()
    {
        var requestsBefore = Env.Gateway.Requests.Count;
        var run = Run($$"""
            $j = 'a fox', 'an owl', 'a heron' | New-EvolinkImage -AsJob -OutDirectory ./batch {{Fast}}
            $null = Wait-Job $j -Timeout 30
            $j.Progress | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.ActivityId, $_.ParentActivityId, $_.StatusDescription, $_.RecordType }
            Remove-Job $j
            """).Succeeded();

        var lines = run.Values.Cast<string>().ToList();
        var job = lines.Where(l => l.StartsWith("0|-1|", StringComparison.Ordinal)).ToList();
        Assert.Equal("0|-1|0 of 3 saved, 0 failed, 3 waiting|Processing", job[0]);
        Assert.Equal("0|-1|3 of 3 saved, 0 failed, 0 waiting|Completed", job[^1]);
        foreach (var place in new[] { 1, 2, 3 })
        {
            var task = lines.Where(l => l.StartsWith($"{place}|0|", StringComparison.Ordinal)).ToList();
            Assert.Contains(task, l => l.Contains("processing, 50 %", StringComparison.Ordinal));
            Assert.Equal($"{place}|0|saved|Completed", task[^1]);
        }
        var sent = Env.Gateway.Requests.Skip(requestsBefore).ToList();
        Assert.Contains(sent, r => r.Path == "/v1/tasks/batch");
        // Each task is read whole once, when the batch says it has finished.
        Assert.Equal(3, sent.Count(r => r.Path.StartsWith("/v1/tasks/task-unified-", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_job_whose_task_fails_ends_failed_with_one_error_for_that_prompt()
    {
        var run = Run($$"""
            $j = New-EvolinkImage 'refused' -Model fake-task-fails -AsJob {{Fast}}
            $null = Wait-Job $j -Timeout 30
            $j.State
            $j.Progress.Where({ $_.ActivityId -eq 0 })[-1].StatusDescription
            Receive-Job $j -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.Count
            $failed[0].FullyQualifiedErrorId
            $failed[0].TargetObject
            """);

        Assert.Equal("Failed", run.Values[0]);
        Assert.Equal("0 of 1 saved, 1 failed, 0 waiting", run.Values[1]);
        Assert.Equal(1, run.Values[2]);
        Assert.StartsWith("EvolinkContentPolicyViolation", (string)run.Values[3]!);
        Assert.Equal("refused", run.Values[4]);
    }

    [Fact]
    public void Stop_Job_stops_the_waiting_at_once_and_its_warning_says_how_to_pick_the_task_up()
    {
        var run = Run($$"""
            $j = New-EvolinkImage 'stuck' -Model fake-task-stuck -AsJob {{Fast}}
            Start-Sleep -Milliseconds 400
            $clock = [Diagnostics.Stopwatch]::StartNew()
            Stop-Job $j
            $null = Wait-Job $j -Timeout 10
            $clock.Elapsed.TotalSeconds -lt 3
            $j.State
            Receive-Job $j -WarningVariable said -WarningAction SilentlyContinue
            $said[0].Message
            """).Succeeded();

        Assert.Equal(true, run.Values[0]);
        Assert.Equal("Stopped", run.Values[1]);
        Assert.Matches(@"^Stopped waiting; the task task-unified-\S+ goes on on the gateway\. Pick it up with: Receive-EvolinkTask task-unified-\S+$", (string)run.Values[2]!);
    }
}
