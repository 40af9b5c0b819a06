using System.Management.Automation;
using Evolink.Account;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Gets the account's and the key's remaining credits.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "EvolinkCredit")]
[OutputType(typeof(CreditBalance))]
public sealed class GetEvolinkCreditCommand : EvolinkGatewayCmdlet
{
    protected override void EndProcessing()
    {
        try
        {
            WriteObject(Await(token => Client!.GetCreditsAsync(token)));
        }
        catch (EvolinkException ex)
        {
            ThrowEvolinkError(ex, null);
        }
    }
}
