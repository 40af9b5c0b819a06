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

    /// <summary>Replay (the default): answer only from the -Replay file, failing on a request it has not recorded. Record: send, and keep each answer in the file.</summary>
    [Parameter]
    [ValidateSet(Settings.Limits.Replay, Settings.Limits.Record)]
    public string? ReplayMode { get; set; }
}
