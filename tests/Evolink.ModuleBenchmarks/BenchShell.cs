using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace Evolink.ModuleBenchmarks;

/// <summary>One runspace with the module imported from its shipping layout, as a user's session has it.</summary>
internal sealed class BenchShell : IDisposable
{
    private readonly Runspace _runspace;

    public BenchShell(string manifest)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(new[] { manifest });
        // What passing many objects down a pipeline costs a compiled cmdlet, whoever wrote it.
        state.Commands.Add(new SessionStateCmdletEntry("Write-ManyObjects", typeof(WriteManyObjectsCommand), null));
        Host = new BenchHost();
        _runspace = RunspaceFactory.CreateRunspace(Host, state);
        _runspace.Open();
    }

    public BenchHost Host { get; }

    /// <param name="failuresExpected">Some inputs are meant to fail (their errors are the point): the run is not refused for them.</param>
    public void Run(string script, bool failuresExpected = false)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        shell.Invoke();
        if (shell.HadErrors && !failuresExpected)
            throw new InvalidOperationException($"'{script}' failed: {string.Join("; ", shell.Streams.Error)}");
    }

    /// <summary>The script's output, each object as text.</summary>
    public System.Collections.Generic.List<string> Lines(string script)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        var output = shell.Invoke();
        if (shell.HadErrors)
            throw new InvalidOperationException($"'{script}' failed: {string.Join("; ", shell.Streams.Error)}");
        return output.Select(o => o?.ToString() ?? string.Empty).ToList();
    }

    /// <summary>How long the script takes, from the call to the last output; what earlier work left for the collector is collected first.</summary>
    public TimeSpan Time(string script, bool settle = true)
    {
        if (settle)
            Settle();
        var clock = Stopwatch.StartNew();
        Run(script);
        return clock.Elapsed;
    }

    /// <summary>A full collection before a timed run, so no run pays for the garbage of the one before it (as benchmark harnesses do).</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public void Dispose() => _runspace.Dispose();
}
