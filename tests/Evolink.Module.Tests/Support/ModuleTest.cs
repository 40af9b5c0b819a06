using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace Evolink.Module.Tests;

/// <summary>A module test: a fresh runspace (after the environment is reset) for each test, and what the gateway received.</summary>
public abstract class ModuleTest : IDisposable
{
    protected ModuleTest(ModuleEnvironment environment, bool interactive = true)
    {
        Env = environment;
        Shell = environment.NewShell(interactive);
        ChatRequestsBefore = environment.Gateway.ChatRequests.Length;
    }

    protected ModuleEnvironment Env { get; }
    protected Shell Shell { get; }
    private int ChatRequestsBefore { get; }

    protected ShellRun Run(string script) => Shell.Run(script);
    protected ShellRun RunAtConsole(string script) => Shell.RunAtConsole(script);

    /// <summary>Chat requests the gateway received since the test began, as JSON.</summary>
    protected JsonObject[] ChatRequests => Env.Gateway.ChatRequests.Skip(ChatRequestsBefore).Select(r => JsonNode.Parse(r.Body)!.AsObject()).ToArray();

    /// <summary>Waits (10 s at most) for something a running script or the gateway will make true.</summary>
    protected static void WaitFor(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
                throw new TimeoutException("Waited 10 s for " + what + ".");
            System.Threading.Thread.Sleep(5);
        }
    }

    /// <summary>PowerShell's quoting of a literal string.</summary>
    protected static string Quote(string text) => "'" + text.Replace("'", "''") + "'";

    public void Dispose()
    {
        Shell.Dispose();
        GC.SuppressFinalize(this);
    }
}
