using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Chat;
using Evolink.Errors;
using Evolink.Runs;

namespace Evolink.Commands;

/// <summary>Runs that remember and keep to a budget: -Journal, -TokenBudget, -MinimumCredit and -Shard.</summary>
public sealed partial class InvokeEvolinkChatCommand
{
    /// <summary>
    /// A file that records each input's outcome as it is known. Run the same command again with it:
    /// inputs already answered are not sent again (their recorded answer is output in their place),
    /// failed and new ones are sent.
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

    /// <summary>Send only part i of n of the inputs (i/n, such as 2/4): n machines with the same inputs take each input once.</summary>
    [Parameter]
    [ValidatePattern(@"^\s*\d+\s*/\s*\d+\s*$")]
    public string? Shard { get; set; }

    /// <summary>Opened at the first input that is to be sent; null when the run keeps no journal, budget or shard.</summary>
    private RunLedger? Ledger() => Ledger(Journal, TokenBudget, MinimumCredit, Shard);

    /// <summary>
    /// The input's step in the run, or null when the run keeps no ledger. An input another shard takes,
    /// or one the journal already answered, is dealt with here and yields no request.
    /// </summary>
    private RunStep? Plan(ChatRequest request, object? input, bool tools, out bool handled)
    {
        handled = false;
        if (Ledger() is not { } ledger)
            return null;
        var step = ledger.Plan(Client!.RequestBody(request), Streaming && !tools, _position);
        if (step.OtherShard)
        {
            Verbose($"Input {_position} is left to another shard (this is shard {ledger.Shard}).");
            handled = true;
        }
        else if (step.Recorded is { } recorded)
        {
            var restored = Client.Restore(request, recorded);
            AddToBatch(input, _ => Task.FromResult(restored));
            handled = true;
        }
        else if (ledger.Journal is not null && !tools)
        {
            // A tool round sends several bodies, which must not share one key; the journal keeps its final answer.
            request.IdempotencyKey = step.IdempotencyKey;
        }
        return step;
    }
}
