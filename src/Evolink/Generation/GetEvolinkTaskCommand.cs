using System;
using System.Management.Automation;
using Evolink.Errors;
using Evolink.Generation;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Gets generation tasks by id: status, progress, result links (valid for 24 hours) or the error.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "EvolinkTask")]
[OutputType(typeof(GenerationTask))]
public sealed class GetEvolinkTaskCommand : EvolinkGatewayCmdlet
{
    /// <summary>The task ids (task-unified-…), typed or piped (the objects New-EvolinkImage -NoWait outputs).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TaskId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
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
