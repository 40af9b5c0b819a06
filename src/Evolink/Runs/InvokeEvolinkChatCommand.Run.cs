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

    private RunLedger? _ledger;
    private bool _ledgerOpened;

    /// <summary>Whether this run remembers, keeps a budget or is a shard.</summary>
    private bool Ledgered => Journal is not null || TokenBudget is not null || MinimumCredit is not null || Shard is not null;

    /// <summary>Opened at the first input that is to be sent (so -WhatIf creates no file); a bad journal stops the run before anything is sent.</summary>
    private RunLedger? Ledger()
    {
        if (_ledgerOpened || !Ledgered)
            return _ledger;
        _ledgerOpened = true;
        RunJournal? journal = null;
        try
        {
            var shard = Shard is null ? null : Runs.Shard.Parse(Shard);
            journal = Journal is null ? null : RunJournal.Open(ResolvePath(Journal), Client!.Options.Redactor);
            var budget = TokenBudget is null && MinimumCredit is null ? null
                : new RunBudget(TokenBudget, MinimumCredit, journal?.SpentTokens ?? 0, MinimumCredit is null ? null : Client!.GetCreditsAsync);
            _ledger = new RunLedger(journal, budget, shard);
        }
        catch (EvolinkException ex)
        {
            journal?.Dispose();
            ThrowEvolinkError(ex, Journal);
        }
        if (journal is not null)
        {
            if (journal.Repaired is { } repaired)
                Warning(repaired);
            Verbose($"Journal {journal.Path}: {journal.Answered} input(s) answered and {journal.Failures} failure(s) recorded by earlier runs, {journal.SpentTokens} tokens spent.");
        }
        return _ledger;
    }

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

    /// <summary>One request's call, within the run's budget and recorded in its journal (and in the history, when on).</summary>
    private Task<ChatResponse> Sent(RunStep? step, ChatRequest request, Func<CancellationToken, Task<ChatResponse>> call, CancellationToken token) =>
        step is null ? Recorded(request, call, token) : _ledger!.SendAsync(step, t => Recorded(request, call, t), token);

    /// <summary>A journal that can no longer be written ends the run: sending more would pay for answers nobody keeps.</summary>
    private void StopForJournal(EvolinkException failure)
    {
        failure.Note = "No more input is sent; every outcome recorded before stays in the journal.";
        ThrowEvolinkError(failure, Journal);
    }
}
