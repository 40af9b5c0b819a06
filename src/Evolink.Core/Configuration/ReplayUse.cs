namespace Evolink.Configuration;

/// <summary>How a replay file is used (<see cref="Settings.ReplayMode"/>).</summary>
public enum ReplayUse
{
    /// <summary>Answer from the file only; nothing is sent.</summary>
    Replay,

    /// <summary>Send as usual, and add each answer to the file.</summary>
    Record,

    /// <summary>Answer a request at temperature 0 from a recording younger than the maximum age; send (and record) the rest.</summary>
    Cache,

    /// <summary>As <see cref="Cache"/>, for every request whatever its temperature.</summary>
    CacheAll,
}
