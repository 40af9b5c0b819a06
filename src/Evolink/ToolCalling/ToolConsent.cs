using System;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace Evolink.Commands;

/// <summary>
/// Whether a tool call may run: asked once per call, unless -Force (and no -Confirm) says the script trusts its
/// tools; "Yes to All" and "No to All" hold for the rest of the command; a session that cannot ask counts as no.
/// The same rules for PowerShell commands and MCP servers' tools. Called on the pipeline thread only.
/// </summary>
internal sealed class ToolConsent
{
    private readonly EvolinkCmdlet _cmdlet;
    private readonly bool _force;
    private bool _yesToAll;
    private bool _noToAll;

    public ToolConsent(EvolinkCmdlet cmdlet, bool force)
    {
        _cmdlet = cmdlet;
        _force = force;
    }

    /// <param name="shown">What runs, already made safe for the terminal.</param>
    public bool Allows(string shown)
    {
        if (_force && !ConfirmRequested())
            return true;
        try
        {
            return _cmdlet.ShouldContinue($"The model wants to run: {shown}", "Run this tool?", ref _yesToAll, ref _noToAll);
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or HostException or NotImplementedException)
        {
            _cmdlet.Warning("A tool call was declined because this session cannot ask for confirmation; pass -Force to let trusted scripts run tools.");
            return false;
        }
    }

    /// <summary>-Confirm, or a $ConfirmPreference low enough that PowerShell would ask about this command.</summary>
    private bool ConfirmRequested()
    {
        if (_cmdlet.MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm))
            return LanguagePrimitives.IsTrue(confirm);
        return _cmdlet.SessionState.PSVariable.GetValue("ConfirmPreference") is ConfirmImpact preference
            && preference != ConfirmImpact.None && preference <= ConfirmImpact.Low;
    }
}
