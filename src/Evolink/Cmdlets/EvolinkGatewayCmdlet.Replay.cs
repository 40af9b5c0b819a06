using System.Management.Automation;
using Evolink.Configuration;

namespace Evolink.Commands;

/// <summary>Answers from a recording: -Replay and -ReplayMode, on every command that talks to the gateway (or EVOLINK_REPLAY and EVOLINK_REPLAY_MODE).</summary>
public abstract partial class EvolinkGatewayCmdlet
{
    /// <summary>A file of recorded answers: every request is answered from it and nothing is sent, so no key or network is needed (with -ReplayMode Record: sent as usual, and each answer added to it).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Replay { get; set; }

    /// <summary>Replay (the default): answer only from the -Replay file, failing on a request it has not recorded. Record: send, and keep each answer in the file. Cache: answer a request at -Temperature 0 from a recording younger than -CacheMaximumAgeSeconds, send and keep the rest; CacheAll: the same whatever the temperature.</summary>
    [Parameter]
    [ValidateSet(Settings.Limits.Replay, Settings.Limits.Record, Settings.Limits.Cache, Settings.Limits.CacheAll)]
    public string? ReplayMode { get; set; }

    /// <summary>With -ReplayMode Cache or CacheAll: how old (in seconds) a recording may be and still answer; a day when left out.</summary>
    [Parameter]
    [ValidateRange(Settings.Limits.MinimumCacheAgeSeconds, Settings.Limits.MaximumCacheAgeSeconds)]
    public int? CacheMaximumAgeSeconds { get; set; }
}
