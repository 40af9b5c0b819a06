using System.Linq;
using System.Management.Automation;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Lists the models this key may use.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "EvolinkModel")]
[OutputType(typeof(ModelInfo))]
public sealed class GetEvolinkModelCommand : EvolinkGatewayCmdlet
{
    /// <summary>Model ids to show; wildcards allowed.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void EndProcessing()
    {
        ModelList models;
        try
        {
            models = Await(token => Client!.ListModelsAsync(token));
        }
        catch (EvolinkException ex)
        {
            ThrowEvolinkError(ex, Name);
            return;
        }
        var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        foreach (var model in models.Data.OrderBy(m => m.Id, System.StringComparer.OrdinalIgnoreCase))
        {
            if (patterns is null || patterns.Any(p => p.IsMatch(model.Id)))
                WriteObject(model);
        }
    }
}
