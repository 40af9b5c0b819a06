using Evolink.Configuration;

namespace Evolink.Commands;

/// <summary>
/// Settings made with Set-EvolinkConfiguration -Scope Session, per runspace
/// (see RunspaceLocal); cleared by Remove-Module (see ModuleInitializer).
/// </summary>
internal static class SessionSettings
{
    private static readonly RunspaceLocal<EvolinkConfiguration> Values = new();

    /// <summary>The calling runspace's settings (a copy; set the whole value to change them).</summary>
    public static EvolinkConfiguration Current
    {
        get => Values.Find()?.Copy() ?? new EvolinkConfiguration();
        set => Values.Set(value.Copy());
    }

    public static void Clear() => Values.Clear();
}
