using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using Evolink.Configuration;
using Evolink.Startup;

namespace Evolink.Commands;

/// <summary>
/// The part of the import's warm-up that runs the chat cmdlet itself, as a
/// user's first call does, in a runspace of its own that holds only that
/// cmdlet. A first call a second after the import still spent almost half
/// its time on PowerShell's own first-time work for the cmdlet (its parameter
/// metadata, the binder's setters, ShouldProcess, compiled at run time where
/// PowerShell ships without ahead-of-time code); done here, the user's call
/// finds it done.
/// In this runspace a call reads no saved setting, environment variable,
/// secret or file, and its requests are answered by the engine's gateway in
/// memory (<see cref="WarmUp.AnswerInMemory"/>): nothing is sent, recorded,
/// counted or shown. The runspace is closed when the calls are done.
/// </summary>
internal static class WarmUpRunspace
{
    private const string Chat = "Invoke-EvolinkChat";

    private static Runspace? _running;

    /// <summary>True only on the warm-up's own pipeline: no user's runspace is ever this one.</summary>
    public static bool IsCurrent => _running is { } running && ReferenceEquals(Runspace.DefaultRunspace, running);

    /// <summary>The warm-up's settings: only what its call gave, with the gateway in memory.</summary>
    public static ResolvedSettings Resolve(EvolinkConfiguration given)
    {
        var resolved = SettingsResolver.Resolve(given, new EvolinkConfiguration(), new EvolinkConfiguration(), _ => null, secrets: null);
        WarmUp.AnswerInMemory(resolved.Options);
        return resolved;
    }

    /// <summary>A streamed call with a typed prompt, a piped one, and one that outputs chunks: the first calls people make.</summary>
    public static void Run()
    {
        var state = InitialSessionState.Create();
        state.Commands.Add(new SessionStateCmdletEntry(Chat, typeof(InvokeEvolinkChatCommand), null));
        using var runspace = RunspaceFactory.CreateRunspace(state);
        // On this background thread, not on a pipeline thread of its own.
        runspace.ThreadOptions = PSThreadOptions.UseCurrentThread;
        runspace.Name = "Evolink warm-up";
        _running = runspace;
        try
        {
            runspace.Open();
            Invoke(runspace, shell => shell.AddArgument("warm-up").AddParameter(nameof(InvokeEvolinkChatCommand.Stream)), piped: false);
            Invoke(runspace, shell => shell, piped: true);
            Invoke(runspace, shell => shell.AddArgument("warm-up").AddParameter(nameof(InvokeEvolinkChatCommand.AsChunk)), piped: false);
        }
        finally
        {
            _running = null;
        }
    }

    private static void Invoke(Runspace runspace, Func<PowerShell, PowerShell> call, bool piped)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        // The key and the host are placeholders for the gateway in memory (loopback, where plain HTTP is allowed).
        call(shell.AddCommand(Chat))
            .AddParameter(nameof(EvolinkGatewayCmdlet.ApiKey), new NetworkCredential(string.Empty, WarmUp.PlaceholderKey).SecurePassword)
            .AddParameter(nameof(EvolinkGatewayCmdlet.BaseUri), WarmUp.PlaceholderHost)
            .AddParameter(nameof(EvolinkGatewayCmdlet.MaximumRetryCount), 0);
        if (piped)
            shell.Invoke(new[] { "warm-up" });
        else
            shell.Invoke();
    }
}
