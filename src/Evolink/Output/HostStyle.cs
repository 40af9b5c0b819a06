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
        if (cmdlet.SessionState.PSVariable.GetValue("PSStyle") is { } style && OutputRendering(style) == "PlainText")
            return false;
        return !(cmdlet.Host.Name == "ConsoleHost" && Console.IsOutputRedirected);
    }

    /// <summary>
    /// PowerShell's own $PSStyle is read as the .NET object it is: through PowerShell's type adapter, the first
    /// reading in a process took milliseconds of a first call. Anything else put in its place is read as PowerShell reads it.
    /// </summary>
    private static string? OutputRendering(object style)
    {
        var value = style is PSObject wrapped ? wrapped.BaseObject : style;
        if (value.GetType().GetProperty("OutputRendering") is { } property && property.GetIndexParameters().Length == 0)
            return property.GetValue(value)?.ToString();
        return PSObject.AsPSObject(style).Properties["OutputRendering"]?.Value?.ToString();
    }
}
