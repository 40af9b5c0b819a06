using System;
using System.Management.Automation;

namespace Evolink.Commands;

/// <summary>
/// Whether the module's own colours go to the host: not with NO_COLOR, not when
/// $PSStyle.OutputRendering is PlainText (PowerShell 7.2+), not when the console's
/// output is redirected. Where colours are off, what they set apart is set apart
/// with characters instead.
/// </summary>
internal static class HostStyle
{
    public static bool Colours(PSCmdlet cmdlet)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")))
            return false;
        if (cmdlet.SessionState.PSVariable.GetValue("PSStyle") is { } style
            && PSObject.AsPSObject(style).Properties["OutputRendering"]?.Value?.ToString() == "PlainText")
            return false;
        return !(cmdlet.Host.Name == "ConsoleHost" && Console.IsOutputRedirected);
    }
}
