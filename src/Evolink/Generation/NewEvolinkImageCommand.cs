using System.Management.Automation;
using Evolink.Generation;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Generates images from a prompt: waits for the task with a progress bar and saves the results.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "EvolinkImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ResultFile), typeof(GenerationTask), typeof(GenerationJob))]
public sealed class NewEvolinkImageCommand : EvolinkGenerationCmdlet
{
    /// <summary>The image model (default gemini-2.5-flash-image, Nano Banana).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Model { get; set; } = "gemini-2.5-flash-image";

    /// <summary>The aspect ratio or size, as the model names it: auto, 1:1, 16:9, 9:16, 21:9, …</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Size { get; set; }

    /// <summary>0.5K, 1K, 2K or 4K on the models that have it (4K costs more).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Quality { get; set; }

    /// <summary>How many images (1 to 4, where the model allows more than one).</summary>
    [Parameter]
    [ValidateRange(1, 4)]
    public int? Count { get; set; }

    private protected override string ModelId => Model;

    private protected override GenerationKind Kind => GenerationKind.Image;

    private protected override void Describe(GenerationRequest request)
    {
        request.Size = Size;
        request.Quality = Quality;
        request.Count = Count;
    }
}
