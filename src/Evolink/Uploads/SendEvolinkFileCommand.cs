using System.IO;
using System.Management.Automation;
using Evolink.Errors;
using Evolink.Uploads;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Uploads local images to the gateway's file service, for use as reference images (the URLs last 72 hours).</para>
/// </summary>
[Cmdlet(VerbsCommunications.Send, "EvolinkFile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = PathSet)]
[OutputType(typeof(UploadedFile))]
public sealed class SendEvolinkFileCommand : EvolinkGatewayCmdlet
{
    private const string PathSet = "Path";
    private const string UrlSet = "Url";

    /// <summary>The images: JPEG, PNG, GIF or WebP, up to 20 MB each; typed or piped (Get-ChildItem output).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [Alias("FullName", "LiteralPath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = System.Array.Empty<string>();

    /// <summary>Images on the web (https) for the file service to fetch and keep, such as result links about to expire.</summary>
    [Parameter(Mandatory = true, ParameterSetName = UrlSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public System.Uri[] Url { get; set; } = System.Array.Empty<System.Uri>();

    protected override void ProcessRecord()
    {
        var uploads = new UploadClient(Client!);
        foreach (var url in ParameterSetName == UrlSet ? Url : System.Array.Empty<System.Uri>())
        {
            try
            {
                if (ShouldProcess(url.GetLeftPart(System.UriPartial.Path), "Have the Evolink file service fetch and keep"))
                    WriteObject(Await(token => uploads.UploadFromUrlAsync(url, token)));
            }
            catch (EvolinkException ex)
            {
                WriteEvolinkError(ex, url);
            }
        }
        foreach (var given in ParameterSetName == PathSet ? Path : System.Array.Empty<string>())
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
