using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Evolink.Chat;
using Evolink.Errors;
using Evolink.Runs;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Merges the journals of shards (or of runs over the same inputs) into one result set in input order.</para>
/// </summary>
[Cmdlet(VerbsData.Merge, "EvolinkJournal", SupportsShouldProcess = true)]
[OutputType(typeof(ChatResponse))]
public sealed class MergeEvolinkJournalCommand : EvolinkCmdlet
{
    private readonly List<string> _paths = new();

    /// <summary>The journals, such as the artifacts of each shard's job; wildcards are allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Also write the merged set as one journal here: a later run can resume from it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>Replace -Destination if it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Output only each answer's text.</summary>
    [Parameter]
    public SwitchParameter AsText { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var path in Path!)
        {
            try
            {
                _paths.AddRange(GetResolvedProviderPathFromPSPath(path, out _));
            }
            catch (ItemNotFoundException ex)
            {
                WriteEvolinkError(new EvolinkException(EvolinkErrorKind.Journal, ex.Message, ex, EvolinkRemedy.ChooseJournal), path);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (_paths.Count == 0)
            return;
        JournalMerge merge;
        try
        {
            merge = new JournalMerge(_paths);
        }
        catch (EvolinkException ex)
        {
            ThrowEvolinkError(ex, null);
            return;
        }
        if (Destination is not null)
            Write(merge, GetUnresolvedProviderPathFromPSPath(Destination));
        foreach (var outcome in merge.Outcomes())
        {
            if (outcome.Response is { } response)
            {
                if (AsText)
                {
                    WriteObject(response.Text);
                    continue;
                }
                var output = ResponseView.ForPipeline(response, null, streamed: false, shownInHistoryId: null);
                output.Properties.Add(new PSNoteProperty("Position", outcome.Position));
                WriteObject(output);
            }
            else
            {
                // The input's error as its run wrote it, with its place: one error record per failed input.
                WriteError(ErrorMapping.ToErrorRecord(outcome.Error!, outcome.Position, outcome.Position));
            }
        }
    }

    private void Write(JournalMerge merge, string destination)
    {
        if (File.Exists(destination) && !Force)
            ThrowEvolinkError(new EvolinkException(EvolinkErrorKind.FileExists,
                $"The file '{destination}' exists. Choose another -Destination, or add -Force to replace it."), destination);
        if (!ShouldProcess(destination, $"Write {merge.Count} merged outcome(s)"))
            return;
        try
        {
            merge.WriteTo(destination);
        }
        catch (IOException ex)
        {
            ThrowEvolinkError(new EvolinkException(EvolinkErrorKind.Journal, $"The merged journal '{destination}' could not be written: {ex.Message}", ex, EvolinkRemedy.WritableJournal), destination);
        }
    }
}
