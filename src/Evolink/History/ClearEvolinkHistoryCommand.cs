using System;
using System.Management.Automation;
using Evolink.Errors;
using Evolink.History;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Deletes the local history, all of it or what is older than a date.</para>
/// </summary>
[Cmdlet(VerbsCommon.Clear, "EvolinkHistory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ClearedHistory))]
public sealed class ClearEvolinkHistoryCommand : EvolinkCmdlet
{
    /// <summary>Delete only the chats before this time; everything when left out.</summary>
    [Parameter]
    public DateTime? Before { get; set; }

    /// <summary>Output what was deleted: how many chats, from which file, and up to when.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var store = HistoryStore.ForCurrentUser();
        var what = Before is { } before ? $"the chats before {before:u}" : "every chat";
        if (!ShouldProcess(store.Path, $"Delete {what} from the Evolink history"))
            return;
        try
        {
            var removed = store.Clear(Before is { } when ? new DateTimeOffset(when.ToUniversalTime()) : null);
            Verbose($"Deleted {removed} chats from '{store.Path}'.");
            if (PassThru)
                WriteObject(new ClearedHistory(store.Path, removed, Before));
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
        {
            ThrowEvolinkError(new EvolinkException(EvolinkErrorKind.Configuration, $"The history '{store.Path}' could not be changed: {ex.Message}", ex), store.Path);
        }
    }
}
