using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using Evolink.Startup;

namespace Evolink.Commands;

/// <summary>
/// Readies the first chat of a new process while the user is still typing it:
/// on a background thread, the engine runs its calls in memory
/// (<see cref="WarmUp"/>), the chat cmdlet runs in a runspace of its own
/// (<see cref="WarmUpRunspace"/>) and its remaining methods are compiled, so a
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
            WarmUpRunspace.Run();
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
        if (type.IsInterface)
            return;
        // A generic type's code for reference types is one shared body, compiled here for object (the shell's
        // batches, pumps and runspace-local values are all of classes); a value type gets its own when it is used.
        var typeArguments = type.ContainsGenericParameters ? type.GetGenericArguments().Length : 0;
        foreach (var method in type.GetMethods(declared))
            PrepareOne(method, typeArguments);
        foreach (var constructor in type.GetConstructors(declared))
            PrepareOne(constructor, typeArguments);
    }

    private static void PrepareOne(MethodBase method, int typeArguments)
    {
        if (method.IsAbstract)
            return;
        var arguments = typeArguments + (method.IsGenericMethodDefinition ? method.GetGenericArguments().Length : 0);
        try
        {
            if (arguments == 0)
                RuntimeHelpers.PrepareMethod(method.MethodHandle);
            else
                RuntimeHelpers.PrepareMethod(method.MethodHandle, Shared(arguments));
        }
        catch (Exception)
        {
            // A method that cannot be compiled ahead (one the runtime implements itself, or whose type arguments must
            // be value types) is compiled when called, as before.
        }
    }

    private static RuntimeTypeHandle[] Shared(int count)
    {
        var handles = new RuntimeTypeHandle[count];
        for (var i = 0; i < count; i++)
            handles[i] = typeof(object).TypeHandle;
        return handles;
    }
}
