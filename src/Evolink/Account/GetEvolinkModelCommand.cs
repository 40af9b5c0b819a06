using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Evolink.Account;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Lists the models this key may use.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "EvolinkModel")]
[OutputType(typeof(ModelInfo))]
public sealed class GetEvolinkModelCommand : EvolinkGatewayCmdlet
{
    private readonly List<string> _names = new();

    /// <summary>Model ids to show; wildcards allowed. An id without wildcards that the key may not use is an error.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ModelCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    // Names arrive per pipeline input; the list is asked for once, at the end.
    protected override void ProcessRecord()
    {
        if (Name is not null)
            _names.AddRange(Name);
    }

    protected override void EndProcessing()
    {
        ModelList models;
        try
        {
            models = Await(token => Client!.ListModelsAsync(token));
        }
        catch (EvolinkException ex)
        {
            ThrowEvolinkError(ex, _names.Count == 0 ? null : _names.ToArray());
            return;
        }
        var sorted = models.Data.OrderBy(m => m.Id, System.StringComparer.OrdinalIgnoreCase).ToList();
        var patterns = _names.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        foreach (var model in sorted)
        {
            if (patterns.Count == 0 || patterns.Any(p => p.IsMatch(model.Id)))
                WriteObject(model);
        }
        // As Get-Process does: a plain name that matches nothing is an error, a wildcard that matches nothing is not.
        foreach (var name in _names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)).Distinct(System.StringComparer.OrdinalIgnoreCase))
        {
            if (!sorted.Any(m => string.Equals(m.Id, name, System.StringComparison.OrdinalIgnoreCase)))
                WriteEvolinkError(new EvolinkException(EvolinkErrorKind.NotFound,
                    $"The model '{name}' is not available to this key. Run Get-EvolinkModel to see the models it may use."), name);
        }
    }
}
