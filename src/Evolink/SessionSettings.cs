using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Evolink.Commands;

/// <summary>
/// Settings made with Set-EvolinkConfiguration -Scope Session. Like
/// PowerShell's own session state they belong to one runspace: a thread job
/// or a ForEach-Object -Parallel runspace starts without them, and
/// Remove-Module forgets them (see ModuleInitializer).
/// </summary>
internal static class SessionSettings
{
    private static readonly ConditionalWeakTable<Runspace, EvolinkConfiguration> ByRunspace = new();
    private static readonly object Gate = new();

    /// <summary>The calling runspace's settings (a copy; set the whole value to change them).</summary>
    public static EvolinkConfiguration Current
    {
        get
        {
            lock (Gate)
                return Runspace.DefaultRunspace is { } runspace && ByRunspace.TryGetValue(runspace, out var settings) ? settings.Copy() : new EvolinkConfiguration();
        }
        set
        {
            if (Runspace.DefaultRunspace is not { } runspace)
                return;
            lock (Gate)
            {
                ByRunspace.Remove(runspace);
                ByRunspace.Add(runspace, value.Copy());
            }
        }
    }

    /// <summary>Forgets the calling runspace's settings.</summary>
    public static void Clear()
    {
        if (Runspace.DefaultRunspace is { } runspace)
        {
            lock (Gate)
                ByRunspace.Remove(runspace);
        }
    }
}
