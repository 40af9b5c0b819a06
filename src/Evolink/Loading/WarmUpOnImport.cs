using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using Evolink.Startup;

namespace Evolink.Commands;

/// <summary>
/// Readies the first chat of a new process while the user is still typing it:
/// on a background thread, the engine runs its calls in memory
/// (<see cref="WarmUp"/>) and the chat cmdlet's own methods are compiled, so a
/// console's or a script's first Invoke-EvolinkChat does not wait for the
/// compiler. Once per process, on PowerShell 7 only (Windows PowerShell's
/// .NET Framework has no such first-call cost); EVOLINK_WARMUP=0 turns it
/// off, for a machine where a background thread at import is unwelcome.
/// </summary>
internal static class WarmUpOnImport
{
    public const string Variable = "EVOLINK_WARMUP";

    private static int _started;

    public static void Start()
    {
        if (!DependencyResolver.OnDotNetCore || TurnedOff(Environment.GetEnvironmentVariable(Variable)) || Interlocked.Exchange(ref _started, 1) == 1)
            return;
        try
        {
            // Below normal where the system honours it; a background thread never holds the process open.
            new Thread(Run) { IsBackground = true, Priority = ThreadPriority.BelowNormal, Name = "Evolink warm-up" }.Start();
        }
        catch (Exception)
        {
            // A system that refuses the thread or its priority imports the module all the same: only speed is at stake.
        }
    }

    /// <summary>0, false, off or no (in any case) turns the warm-up off; anything else, or nothing, leaves it on.</summary>
    public static bool TurnedOff(string? value) =>
        value?.Trim().ToLowerInvariant() is "0" or "false" or "off" or "no";

    private static void Run()
    {
        try
        {
            WarmUp.RunAsync().GetAwaiter().GetResult();
            Prepare(typeof(InvokeEvolinkChatCommand));
        }
        catch (Exception)
        {
            // Only speed is at stake: whatever failed here is met, and reported, by the call itself.
        }
    }

    /// <summary>
    /// Compiles what a chat runs in the shell: the chat cmdlet with its base classes, and the shared parts every
    /// cmdlet uses (settings, the host's text, the pipeline's batches), each with its nested helpers (closures, state
    /// machines). The other cmdlets' own code is left to the compiler, as before: most sessions never run it.
    /// </summary>
    private static void Prepare(Type chat)
    {
        const BindingFlags declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        foreach (var type in chat.Assembly.GetTypes())
        {
            var outer = type;
            while (outer.DeclaringType is { } declaring)
                outer = declaring;
            if (!typeof(System.Management.Automation.Cmdlet).IsAssignableFrom(outer) || outer.IsAssignableFrom(chat))
                PrepareDeclared(type, declared);
        }
    }

    private static void PrepareDeclared(Type type, BindingFlags declared)
    {
        if (type.ContainsGenericParameters || type.IsInterface)
            return;
        foreach (var method in type.GetMethods(declared))
            PrepareOne(method);
        foreach (var constructor in type.GetConstructors(declared))
            PrepareOne(constructor);
    }

    private static void PrepareOne(MethodBase method)
    {
        if (method.IsAbstract || method.ContainsGenericParameters)
            return;
        try
        {
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
        }
        catch (Exception)
        {
            // A method that cannot be compiled ahead (one the runtime implements itself) is compiled when called, as before.
        }
    }
}
