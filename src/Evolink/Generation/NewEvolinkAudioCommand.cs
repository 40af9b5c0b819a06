using System.Management.Automation;
using Evolink.Generation;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Generates audio (music, speech) from a prompt: waits for the task with a progress bar and saves the result.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "EvolinkAudio", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ResultFile), typeof(GenerationTask), typeof(GenerationJob))]
public sealed class NewEvolinkAudioCommand : EvolinkGenerationCmdlet
{
    /// <summary>The audio model, as the gateway lists it (Suno, Seed Audio, …).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Model { get; set; } = string.Empty;

    /// <summary>The length in seconds, where the model lets it be chosen.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int? DurationSec { get; set; }

    private protected override string ModelId => Model;

    private protected override GenerationKind Kind => GenerationKind.Audio;

    private protected override void Describe(GenerationRequest request) => request.DurationSeconds = DurationSec;
}
