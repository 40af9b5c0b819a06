using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;

namespace Evolink.ModuleBenchmarks;

/// <summary>
/// Real pwsh 7.6.10 (the pinned tool) started anew for each measurement, as a
/// person or a CI step starts it: a whole process timed from outside, or the
/// moment its first output arrives on stdout after a marker it prints just
/// before the call.
/// </summary>
internal sealed class ColdProcess
{
    private readonly string _pwsh;
    private readonly Dictionary<string, string> _environment;

    public ColdProcess(string pwsh, Dictionary<string, string> environment)
    {
        _pwsh = pwsh;
        _environment = environment;
    }

    /// <summary>The pinned pwsh tool's pwsh.dll, restored if it is not yet (a no-op when it is).</summary>
    public static string FindPwsh(string repository)
    {
        Dotnet(repository, "tool", "restore");
        var home = Dotnet(repository, "pwsh", "-NoProfile", "-NonInteractive", "-Command", "$PSHOME").Trim();
        var dll = Path.Combine(home, "pwsh.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"The pinned pwsh tool has no pwsh.dll at {dll}.");
    }

    /// <summary>Milliseconds from starting pwsh with this command to its exit.</summary>
    public double Wall(string command, Dictionary<string, string>? environment = null)
    {
        using var process = Start(command, environment);
        var clock = Stopwatch.StartNew();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var took = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pwsh -Command \"{command}\" exited with {process.ExitCode}: {process.StandardError.ReadToEnd()}");
        return took;
    }

    /// <summary>
    /// Runs <paramref name="before"/>, prints a marker, then runs <paramref name="call"/>;
    /// milliseconds from the marker's arrival to the first <paramref name="token"/> after it.
    /// </summary>
    public double FirstOutput(string before, string call, string token, Dictionary<string, string>? environment = null)
    {
        const string marker = "@@start@@";
        using var process = Start($"{before}; [Console]::Out.Write('{marker}'); [Console]::Out.Flush(); {call}", environment);
        var stdout = process.StandardOutput.BaseStream;
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        var clock = new Stopwatch();
        double? first = null;
        int read;
        while ((read = stdout.Read(buffer, 0, buffer.Length)) > 0)
        {
            // Read as the bytes arrive: the marker starts the clock, the token stops it.
            seen.Append(Encoding.UTF8.GetString(buffer, 0, read));
            var text = seen.ToString();
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0 && !clock.IsRunning)
                clock.Start();
            if (at >= 0 && first is null && text.IndexOf(token, at + marker.Length, StringComparison.Ordinal) >= 0)
                first = clock.Elapsed.TotalMilliseconds;
        }
        process.WaitForExit();
        return first ?? throw new InvalidOperationException($"'{token}' never came after the marker: {seen}");
    }

    /// <summary>A new pwsh running this command, its output read by the caller (or not at all); the caller may kill it.</summary>
    /// <param name="environment">Variables set for this process only, over the benchmark's own.</param>
    public Process Start(string command, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { _pwsh, "-NoProfile", "-NonInteractive", "-Command", command })
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in _environment)
            start.Environment[name] = value;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var process = Process.Start(start)!;
        // Errors are read on the side, so a chatty stderr never blocks the child.
        process.ErrorDataReceived += (_, _) => { };
        return process;
    }

    private static string Dotnet(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000) || process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed: {error.Result}");
        return output.Result;
    }
}

/// <summary>The machine's load (the one-minute load average) sampled twice a second while a run goes on; not known off Linux.</summary>
internal sealed class LoadSampler : IDisposable
{
    private readonly List<double> _samples = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public LoadSampler()
    {
        _thread = new Thread(() =>
        {
            while (!_stop.IsCancellationRequested)
            {
                if (Read() is { } load)
                    lock (_samples)
                        _samples.Add(load);
                _stop.Token.WaitHandle.WaitOne(500);
            }
        }) { IsBackground = true };
        _thread.Start();
    }

    /// <summary>Mean and highest one-minute load while the run went on, as "1.02 (max 1.40)".</summary>
    public string Describe()
    {
        lock (_samples)
            return _samples.Count == 0 ? "not known" : FormattableString.Invariant($"{Mean(_samples):0.00} (max {Max(_samples):0.00})");
    }

    private static double Mean(List<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
            sum += value;
        return sum / values.Count;
    }

    private static double Max(List<double> values)
    {
        var max = double.MinValue;
        foreach (var value in values)
            max = Math.Max(max, value);
        return max;
    }

    private static double? Read()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
