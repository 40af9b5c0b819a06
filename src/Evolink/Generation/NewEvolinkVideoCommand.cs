using System.Management.Automation;
using Evolink.Generation;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Generates a video from a prompt (and reference images): waits for the task with a progress bar and saves the result.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "EvolinkVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ResultFile), typeof(GenerationTask), typeof(GenerationJob))]
public sealed class NewEvolinkVideoCommand : EvolinkGenerationCmdlet
{
    /// <summary>The video model, as the gateway lists it (Seedance, Kling, Veo, …).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Model { get; set; } = string.Empty;

    /// <summary>The aspect ratio: 16:9, 9:16, 1:1, … as the model names them.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AspectRatio { get; set; }

    /// <summary>The length in seconds, where the model lets it be chosen.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int? DurationSec { get; set; }

    private protected override string ModelId => Model;

    private protected override GenerationKind Kind => GenerationKind.Video;

    private protected override void Describe(GenerationRequest request)
    {
        request.Size = AspectRatio;
        request.DurationSeconds = DurationSec;
    }
}
