using System;
using System.Management.Automation;
using Evolink.Configuration;
using Evolink.History;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Finds past chats in the local history: by text, model, time, failures, or the last few.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "EvolinkHistory")]
[OutputType(typeof(HistoryEntry))]
public sealed class GetEvolinkHistoryCommand : EvolinkCmdlet
{
    /// <summary>Text to find, ignoring case, in the prompts, the system prompt and the reply.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Text { get; set; }

    /// <summary>The model asked for or the one that answered; wildcards allowed, e.g. 'gpt-*'.</summary>
    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ModelCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Model { get; set; }

    /// <summary>Only chats from this time on.</summary>
    [Parameter]
    public DateTime? After { get; set; }

    /// <summary>Only chats before this time.</summary>
    [Parameter]
    public DateTime? Before { get; set; }

    /// <summary>Only chats that ended in an error.</summary>
    [Parameter]
    public SwitchParameter Failed { get; set; }

    /// <summary>Only the newest this many matches (still oldest first).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Last { get; set; }

    /// <summary>Another history file to read, e.g. one a CI job kept as an artefact; the user's own by default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Runspaces that were told the history is off: it is said once a session, not at every search.</summary>
    private static readonly RunspaceLocal<object> Told = new();

    protected override void EndProcessing()
    {
        if (Path is null && !HistoryIsOn() && Told.Find() is null)
        {
            Told.Set(new object());
            Warning("The history is off, so no new chat is kept; this searches what was kept before. Set-EvolinkConfiguration -History turns it on.");
        }
        var store = Path is null ? HistoryStore.ForCurrentUser() : new HistoryStore(GetUnresolvedProviderPathFromPSPath(Path));
        var query = new HistoryQuery
        {
            Text = Text,
            Model = Model,
            After = After is { } after ? new DateTimeOffset(after.ToUniversalTime()) : null,
            Before = Before is { } before ? new DateTimeOffset(before.ToUniversalTime()) : null,
            FailedOnly = Failed,
            Last = Last,
        };
        foreach (var entry in store.Find(query))
            WriteObject(entry);
    }

    private static bool HistoryIsOn() =>
        ConfigurationLayers.Effective(SessionSettings.Current, ConfigurationStore.ForCurrentUser().Load(out _), System.Environment.GetEnvironmentVariable).Value(Settings.History);
}
