using System.Management.Automation;
using Evolink.Errors;
using Evolink.Uploads;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Gets how many files the account keeps on the gateway's file service, and how many it may.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "EvolinkFileQuota")]
[OutputType(typeof(FileQuota))]
public sealed class GetEvolinkFileQuotaCommand : EvolinkGatewayCmdlet
{
    protected override void EndProcessing()
    {
        try
        {
            WriteObject(Await(token => new UploadClient(Client!).GetQuotaAsync(token)));
        }
        catch (EvolinkException ex)
        {
            ThrowEvolinkError(ex, null);
        }
    }
}
