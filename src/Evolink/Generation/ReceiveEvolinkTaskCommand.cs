using System;
using System.Management.Automation;
using Evolink.Errors;
using Evolink.Generation;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Waits for generation tasks by id and saves their results: picks up a task started with -NoWait or left by Ctrl+C.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "EvolinkTask")]
[OutputType(typeof(ResultFile))]
public sealed class ReceiveEvolinkTaskCommand : EvolinkTaskCmdlet
{
    /// <summary>The task ids (task-unified-…), typed or piped (the objects New-EvolinkImage -NoWait or Get-EvolinkTask output).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TaskId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
        {
            GenerationTask task;
            try
            {
                task = Await(token => Generations.GetAsync(id, token));
            }
            catch (EvolinkException ex)
            {
                WriteEvolinkError(ex, id);
                continue;
            }
            Receive(task, id);
        }
    }
}
