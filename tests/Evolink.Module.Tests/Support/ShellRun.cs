using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Evolink.Module.Tests;

/// <summary>Everything one script run produced: output objects (with when each arrived), every stream, what the host showed, the prompts, and a terminating error if one ended it.</summary>
public sealed class ShellRun
{
    public required IReadOnlyList<PSObject> Output { get; init; }
    public required IReadOnlyList<TimeSpan> OutputTimes { get; init; }
    public required IReadOnlyList<ErrorRecord> Errors { get; init; }
    public required IReadOnlyList<WarningRecord> Warnings { get; init; }
    public required IReadOnlyList<VerboseRecord> Verbose { get; init; }
    public required IReadOnlyList<DebugRecord> Debug { get; init; }
    public required IReadOnlyList<InformationRecord> Information { get; init; }
    public required IReadOnlyList<HostWrite> HostWrites { get; init; }
    public required IReadOnlyList<HostPrompt> Prompts { get; init; }

    /// <summary>The exception that ended the script (a terminating error, -ErrorAction Stop, a stopped pipeline), if any.</summary>
    public Exception? Terminating { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>What a console would have shown during this run.</summary>
    public string Screen => RecordingHostUserInterface.Render(HostWrites);

    /// <summary>The output's base objects.</summary>
    public IReadOnlyList<object?> Values => Output.Select(o => o?.BaseObject).ToList();

    /// <summary>The one output object, as its base object, failing with everything the run said when there is not exactly one.</summary>
    public object? Single()
    {
        if (Output.Count != 1)
            throw new InvalidOperationException($"Expected one output object, got {Output.Count}.\n{Describe()}");
        return Output[0]?.BaseObject;
    }

    /// <summary>The one output as a string (its base object's ToString()).</summary>
    public string Text() => Single()?.ToString() ?? string.Empty;

    /// <summary>Every error record: non-terminating ones, and the terminating one as PowerShell would record it.</summary>
    public IEnumerable<ErrorRecord> AllErrors => Errors.Concat(Terminating is IContainsErrorRecord { ErrorRecord: { } record } ? new[] { record } : Array.Empty<ErrorRecord>());

    /// <summary>A readable account of the run, for failure messages.</summary>
    public string Describe() =>
        $"output: [{string.Join(", ", Output.Select(o => o?.ToString()))}]\n" +
        $"errors: [{string.Join(" | ", AllErrors.Select(e => e.FullyQualifiedErrorId + ": " + e))}]\n" +
        $"terminating: {Terminating?.GetType().Name}: {Terminating?.Message}\n" +
        $"warnings: [{string.Join(" | ", Warnings)}]\nprompts: [{string.Join(" | ", Prompts)}]\nscreen:\n{Screen}";

    /// <summary>Fails unless the run ended with no error of any kind.</summary>
    public ShellRun Succeeded()
    {
        if (Errors.Count > 0 || Terminating is not null)
            throw new Xunit.Sdk.XunitException("The script failed.\n" + Describe());
        return this;
    }
}
