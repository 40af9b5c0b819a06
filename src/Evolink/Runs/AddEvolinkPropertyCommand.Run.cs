using System.Management.Automation;
using Evolink.Runs;

namespace Evolink.Commands;

/// <summary>Runs that remember and keep to a budget: -Journal, -TokenBudget, -MinimumCredit and -Shard, as on Invoke-EvolinkChat.</summary>
public sealed partial class AddEvolinkPropertyCommand
{
    /// <summary>
    /// A file that records each request's outcome as it is known. Run the same command again with it:
    /// objects already filled are not asked for again (their recorded answer fills them), failed and new ones are.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Journal { get; set; }

    /// <summary>The most tokens (prompt and completion) the whole run may spend, the journal's earlier runs included.</summary>
    [Parameter]
    [Alias("MaximumTokens")]
    [ValidateRange(1, long.MaxValue)]
    public long? TokenBudget { get; set; }

    /// <summary>Send nothing more once the balance is below this many credits (asked before the first request and every 30 s).</summary>
    [Parameter]
    [ValidateRange(0d, double.MaxValue)]
    public double? MinimumCredit { get; set; }

    /// <summary>Send only part i of n of the requests (i/n, such as 2/4): n machines with the same objects fill each once.</summary>
    [Parameter]
    [ValidatePattern(@"^\s*\d+\s*/\s*\d+\s*$")]
    public string? Shard { get; set; }

    /// <summary>Opened at the first request; null when the run keeps no journal, budget or shard.</summary>
    private RunLedger? Ledger() => Ledger(Journal, TokenBudget, MinimumCredit, Shard);
}
