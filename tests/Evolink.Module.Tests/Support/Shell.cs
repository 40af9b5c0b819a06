using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace Evolink.Module.Tests;

/// <summary>
/// One fresh runspace of the real engine with the module imported from its
/// shipping layout, PowerShell's own Utility, Management and Security modules on
/// the module path (only SecretManagement is a stand-in), on a recording host.
/// Scripts run as a user types them; a script that does not end within its
/// time limit is stopped and fails the test, so a hang never stalls CI.
/// </summary>
public sealed class Shell : IDisposable
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    public Shell(ModuleEnvironment environment, bool interactive = true)
    {
        Environment = environment;
        Host = new RecordingHost(interactive);
        Runspace = RunspaceFactory.CreateRunspace(Host, environment.SessionState);
        Runspace.Open();
        Runspace.SessionStateProxy.Path.SetLocation(environment.WorkFolder);
    }

    public ModuleEnvironment Environment { get; }
    public RecordingHost Host { get; }
    public RecordingHostUserInterface UI => Host.Recorder;
    public Runspace Runspace { get; }

    /// <summary>Runs script text; output objects are returned, not shown.</summary>
    public ShellRun Run(string script, TimeSpan? limit = null) => Start(script, atConsole: false).Wait(limit ?? DefaultLimit);

    /// <summary>Runs script text as typed at a console: output and errors go through Out-Default to the host.</summary>
    public ShellRun RunAtConsole(string script, TimeSpan? limit = null) => Start(script, atConsole: true).Wait(limit ?? DefaultLimit);

    /// <summary>Starts script text in the background, for tests that press Ctrl+C (<see cref="RunningScript.Stop"/>) or watch output arrive.</summary>
    public RunningScript Start(string script, bool atConsole = false)
    {
        var shell = PowerShell.Create();
        shell.Runspace = Runspace;
        shell.AddScript(script);
        if (atConsole)
        {
            shell.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
            shell.AddCommand("Out-Default");
        }
        return new RunningScript(shell, UI);
    }

    /// <summary>The value of an expression, as its base object.</summary>
    public object? Value(string expression) => Run(expression).Succeeded().Single();

    public void Dispose() => Runspace.Dispose();
}

/// <summary>A script running in the background of a <see cref="Shell"/>.</summary>
public sealed class RunningScript
{
    private readonly PowerShell _shell;
    private readonly RecordingHostUserInterface _ui;
    private readonly PSDataCollection<PSObject> _output = new();
    private readonly List<TimeSpan> _outputTimes = new();
    private readonly IAsyncResult _running;
    private readonly int _writesBefore;
    private readonly int _promptsBefore;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    internal RunningScript(PowerShell shell, RecordingHostUserInterface ui)
    {
        _shell = shell;
        _ui = ui;
        _writesBefore = ui.Writes.Count;
        _promptsBefore = ui.Prompts.Count;
        _output.DataAdded += (_, _) =>
        {
            lock (_outputTimes)
                _outputTimes.Add(ui.Now);
        };
        _running = shell.BeginInvoke<PSObject, PSObject>(null, _output);
    }

    public bool IsCompleted => _running.IsCompleted;

    /// <summary>Output objects so far.</summary>
    public int OutputCount => _output.Count;

    /// <summary>What the host has shown so far in this run.</summary>
    public IReadOnlyList<HostWrite> HostWrites => _ui.Writes.Skip(_writesBefore).ToList();

    /// <summary>Presses Ctrl+C: stops the pipeline and returns how long the engine took to stop it.</summary>
    public TimeSpan Stop()
    {
        var clock = Stopwatch.StartNew();
        var stopping = _shell.BeginStop(null, null);
        if (!stopping.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)))
            throw new TimeoutException("The pipeline did not stop within 10 s of Ctrl+C.");
        _shell.EndStop(stopping);
        return clock.Elapsed;
    }

    /// <summary>Waits for the end, or stops the script and fails when it runs past <paramref name="limit"/>.</summary>
    public ShellRun Wait(TimeSpan limit)
    {
        Exception? terminating = null;
        if (!_running.AsyncWaitHandle.WaitOne(limit))
        {
            var screen = RecordingHostUserInterface.Render(HostWrites);
            try
            {
                Stop();
            }
            catch (TimeoutException)
            {
            }
            throw new TimeoutException($"The script did not finish within {limit.TotalSeconds:0.#} s (a hang); it was stopped.\nscreen so far:\n{screen}");
        }
        try
        {
            _shell.EndInvoke(_running);
        }
        catch (Exception ex) when (ex is RuntimeException or PipelineStoppedException or InvalidOperationException)
        {
            terminating = ex;
        }
        var streams = _shell.Streams;
        var run = new ShellRun
        {
            Output = _output.ToList(),
            OutputTimes = Snapshot(),
            Errors = streams.Error.ToList(),
            Warnings = streams.Warning.ToList(),
            Verbose = streams.Verbose.ToList(),
            Debug = streams.Debug.ToList(),
            Information = streams.Information.ToList(),
            HostWrites = HostWrites,
            Prompts = _ui.Prompts.Skip(_promptsBefore).ToList(),
            Terminating = terminating,
            Elapsed = _clock.Elapsed,
        };
        _shell.Dispose();
        return run;
    }

    private List<TimeSpan> Snapshot()
    {
        lock (_outputTimes)
            return _outputTimes.ToList();
    }
}
