using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using Evolink.Chat;

namespace Evolink.Commands;

/// <summary>
/// How a batch of piped inputs is going, for a person watching a console: a
/// progress record (answered, failed and in flight, the rate, the time so far,
/// tokens so far), written on the pipeline thread at most every quarter
/// second and not before the batch has run half a second (a quick batch never
/// flashes one); and, at the end, one information record that sums it up
/// (tagged Evolink.Batch, with the figures as data). No progress is written
/// where nobody watches: under -NonInteractive, or with $ProgressPreference
/// SilentlyContinue.
/// </summary>
internal sealed class BatchProgress
{
    private const int ActivityId = 0x45764C;
    private static readonly long FirstAfter = Stopwatch.Frequency / 2;
    private static readonly long Every = Stopwatch.Frequency / 4;

    private readonly Cmdlet _cmdlet;
    private readonly bool _show;
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _shownAt;
    private bool _shown;

    private readonly string _activity;

    /// <param name="cmdlet">Where progress and the summary are written.</param>
    /// <param name="show">Whether a person watches (see <see cref="HostInput.SomeoneWatchesProgress"/>).</param>
    /// <param name="activity">What the progress bar is named after.</param>
    public BatchProgress(Cmdlet cmdlet, bool show, string activity = "Evolink chat")
    {
        _cmdlet = cmdlet;
        _show = show;
        _activity = activity;
    }

    public int Sent { get; private set; }
    public int Answered { get; private set; }
    public int Failed { get; private set; }
    public long Tokens { get; private set; }

    /// <summary>On the pipeline thread: one more input is on its way.</summary>
    public void Added()
    {
        Sent++;
        Refresh();
    }

    /// <summary>On the pipeline thread: an input's outcome.</summary>
    public void Finished(bool failed, Usage? usage = null)
    {
        if (failed)
            Failed++;
        else
            Answered++;
        Tokens += usage?.TotalTokens ?? 0;
        Refresh();
    }

    /// <summary>On the pipeline thread: tokens a request spent for several inputs at once (Add-EvolinkProperty's groups).</summary>
    public void Spent(long tokens) => Tokens += tokens;

    /// <summary>At the end: the progress record goes, and one information record sums the batch up.</summary>
    public void Complete()
    {
        if (_shown)
            _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, "done") { RecordType = ProgressRecordType.Completed });
        if (Sent < 2)
            return;
        _cmdlet.WriteInformation(new BatchSummary(Answered, Failed, Tokens, Elapsed), new[] { "Evolink.Batch" });
    }


    private TimeSpan Elapsed => TimeSpan.FromSeconds((double)(Stopwatch.GetTimestamp() - _started) / Stopwatch.Frequency);

    private void Refresh()
    {
        if (!_show)
            return;
        var now = Stopwatch.GetTimestamp();
        if (now - _started < FirstAfter || _shown && now - _shownAt < Every)
            return;
        _shown = true;
        _shownAt = now;
        var elapsed = Elapsed;
        var done = Answered + Failed;
        var rate = done / Math.Max(elapsed.TotalSeconds, 0.001);
        var status = $"{Answered} answered, {Failed} failed, {Sent - done} in flight | {rate.ToString("0.0", CultureInfo.InvariantCulture)}/s | " +
                     $"{(int)elapsed.TotalMinutes:00}:{elapsed.Seconds:00} | {Tokens.ToString("N0", CultureInfo.InvariantCulture)} tokens";
        _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, status));
    }
}
