using System.IO;
using System.Management.Automation;
using Evolink.Errors;
using Evolink.Uploads;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Uploads local images to the gateway's file service, for use as reference images (the URLs last 72 hours).</para>
/// </summary>
[Cmdlet(VerbsCommunications.Send, "EvolinkFile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(UploadedFile))]
public sealed class SendEvolinkFileCommand : EvolinkGatewayCmdlet
{
    /// <summary>The images: JPEG, PNG, GIF or WebP, up to 20 MB each; typed or piped (Get-ChildItem output).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "LiteralPath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = System.Array.Empty<string>();

    protected override void ProcessRecord()
    {
        var uploads = new UploadClient(Client!);
        foreach (var given in Path)
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(given);
            try
            {
                if (!ShouldProcess(path, "Upload to the Evolink file service"))
                    continue;
                WriteObject(Await(token => uploads.UploadAsync(path, token)));
            }
            catch (EvolinkException ex)
            {
                WriteEvolinkError(ex, given);
            }
        }
    }
}
