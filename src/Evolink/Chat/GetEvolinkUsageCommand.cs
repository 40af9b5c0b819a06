using System.Linq;
using System.Management.Automation;
using Evolink.Chat;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Shows the tokens this session has used, per model that answered.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "EvolinkUsage")]
[OutputType(typeof(UsageTotal))]
public sealed class GetEvolinkUsageCommand : EvolinkCmdlet
{
    /// <summary>Models to show; wildcards allowed. Every model when left out.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ModelCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Model { get; set; }

    protected override void EndProcessing()
    {
        var patterns = Model?.Select(m => new WildcardPattern(m, WildcardOptions.IgnoreCase)).ToList();
        foreach (var total in SessionUsage.Current())
        {
            if (patterns is null || patterns.Any(p => p.IsMatch(total.Model)))
                WriteObject(total);
        }
    }
}
