namespace Evolink.Commands;

/// <summary>
/// The module's one piece of session state: settings made with
/// Set-EvolinkConfiguration -Scope Session, which win over the saved file
/// until the process ends.
/// </summary>
internal static class SessionSettings
{
    private static readonly object Gate = new();
    private static EvolinkConfiguration _current = new();

    public static EvolinkConfiguration Current
    {
        get
        {
            lock (Gate)
                return _current.Copy();
        }
        set
        {
            lock (Gate)
                _current = value.Copy();
        }
    }
}
