using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace Evolink.ModuleBenchmarks;

/// <summary>Import-Module and the first call in a process of their own each time, so nothing is warm.</summary>
internal static class ColdStart
{
    public static (Figure Import, Figure FirstCall) Run(int runs)
    {
        var import = new Figure();
        var first = new Figure();
        var self = Process.GetCurrentProcess().MainModule!.FileName;
        var dll = typeof(ColdStart).Assembly.Location;
        for (var i = 0; i < runs; i++)
        {
            // The child is this program: run it the way it was run (an apphost, or dotnet with the dll).
            var start = self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal)
                ? new ProcessStartInfo(self, $"\"{dll}\" --import-child")
                : new ProcessStartInfo(self, "--import-child");
            start.RedirectStandardOutput = true;
            start.UseShellExecute = false;
            using var child = Process.Start(start)!;
            var output = child.StandardOutput.ReadToEnd().Trim().Split(' ');
            child.WaitForExit();
            if (child.ExitCode != 0 || output.Length != 2)
                throw new InvalidOperationException("the cold-start child failed: " + string.Join(' ', output));
            import.Add(double.Parse(output[0], CultureInfo.InvariantCulture));
            first.Add(double.Parse(output[1], CultureInfo.InvariantCulture));
        }
        return (import, first);
    }

    /// <summary>In the child: a runspace without the module, then Import-Module, then one call; prints both times in ms.</summary>
    public static int Child(string manifest)
    {
        using var runspace = RunspaceFactory.CreateRunspace(new BenchHost(), InitialSessionState.CreateDefault2());
        runspace.Open();
        double Time(string script)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript(script);
            var clock = Stopwatch.StartNew();
            shell.Invoke();
            if (shell.HadErrors)
                throw new InvalidOperationException(string.Join("; ", shell.Streams.Error));
            return clock.Elapsed.TotalMilliseconds;
        }
        Time("$null = 1");
        var import = Time($"Import-Module '{manifest}'");
        var first = Time("Invoke-EvolinkChat 'first' | Out-Null");
        Console.WriteLine(FormattableString.Invariant($"{import:0.0} {first:0.0}"));
        return 0;
    }
}
