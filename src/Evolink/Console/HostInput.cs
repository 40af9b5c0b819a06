using System;
using System.Management.Automation.Host;
using System.Reflection;

namespace Evolink.Commands;

/// <summary>
/// Whether the host will let a command read what a person types. PowerShell has
/// no public question for it; pwsh's console host keeps -NonInteractive in its
/// user interface's ThrowOnReadAndPrompt, behind the engine's wrapper. Where a host
/// does not say, it is taken at its word until its first read fails, as before.
/// </summary>
internal static class HostInput
{
    /// <summary>Whether progress is for anyone: a person can be at the host, and $ProgressPreference does not silence it.</summary>
    public static bool SomeoneWatchesProgress(System.Management.Automation.PSCmdlet cmdlet) =>
        CanRead(cmdlet.Host) && cmdlet.SessionState.PSVariable.GetValue("ProgressPreference")
            is not (System.Management.Automation.ActionPreference.SilentlyContinue or System.Management.Automation.ActionPreference.Ignore);

    public static bool CanRead(PSHost host)
    {
        try
        {
            var ui = host.UI;
            if (ui is null)
                return false;
            const BindingFlags members = BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance;
            var inner = ui.GetType().GetField("_externalUI", members)?.GetValue(ui) as PSHostUserInterface ?? ui;
            // pwsh's console host has only a setter and keeps the value in a field; another host may show it as a property.
            if (inner.GetType().GetField("_throwOnReadAndPrompt", members) is { } field)
                return !(field.GetValue(inner) is true);
            if (inner.GetType().GetProperty("ThrowOnReadAndPrompt", members) is { CanRead: true } property)
                return !(property.GetValue(inner) is true);
            return true;
        }
        catch (Exception ex) when (ex is TargetInvocationException or MemberAccessException or NotSupportedException or ArgumentException)
        {
            return true;
        }
    }
}
