using System;
using System.Linq;
using System.Management.Automation;
using Evolink.Errors;
using Evolink.Generation;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Gets generation tasks by id: status, progress, result links (valid for 24 hours) or the error.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "EvolinkTask", DefaultParameterSetName = RecentSet)]
[OutputType(typeof(GenerationTask))]
public sealed class GetEvolinkTaskCommand : EvolinkGatewayCmdlet
{
    private const string RecentSet = "Recent";
    private const string IdSet = "Id";

    /// <summary>The task ids (task-unified-…), typed or piped (the objects New-EvolinkImage -NoWait outputs). Without, the account's recent tasks, where the gateway lists them.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
    [Alias("TaskId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Without an id: how many of the recent tasks, newest first (default 20).</summary>
    [Parameter(ParameterSetName = RecentSet)]
    [ValidateRange(1, 1000)]
    public int First { get; set; } = 20;

    protected override void EndProcessing()
    {
        if (ParameterSetName != RecentSet)
            return;
        try
        {
            WriteObject(Await(token => new GenerationClient(Client!).ListRecentAsync(token)).Take(First), enumerateCollection: true);
        }
        catch (EvolinkException ex)
        {
            ThrowEvolinkError(ex, null);
        }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName != IdSet)
            return;
        var client = new GenerationClient(Client!);
        foreach (var id in Id)
        {
            try
            {
                WriteObject(Await(token => client.GetAsync(id, token)));
            }
            catch (EvolinkException ex)
            {
                WriteEvolinkError(ex, id);
            }
        }
    }
}
