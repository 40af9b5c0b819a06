using System;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Chat;
using Evolink.Errors;
using Evolink.Runs;

namespace Evolink.Commands;

/// <summary>
/// Runs that remember and keep to a budget, for every command that sends many requests
/// (Invoke-EvolinkChat, Add-EvolinkProperty): the ledger is opened here, once, and each request goes through it.
/// </summary>
public abstract partial class EvolinkModelCmdlet
{
    private RunLedger? _ledger;
    private bool _ledgerOpened;

    /// <summary>The run's ledger once opened, or null when the run keeps none.</summary>
    private protected RunLedger? OpenedLedger => _ledger;

    /// <summary>
    /// The run's ledger, opened at the first input that is to be sent (so -WhatIf creates no file), or null when the run
    /// keeps no journal, budget or shard. A bad journal stops the run before anything is sent.
    /// </summary>
    private protected RunLedger? Ledger(string? journalPath, long? tokenBudget, double? minimumCredit, string? shardText)
    {
        if (_ledgerOpened || journalPath is null && tokenBudget is null && minimumCredit is null && shardText is null)
            return _ledger;
        _ledgerOpened = true;
        RunJournal? journal = null;
        try
        {
            var shard = shardText is null ? null : Shard.Parse(shardText);
            journal = journalPath is null ? null : RunJournal.Open(GetUnresolvedProviderPathFromPSPath(journalPath), Client!.Options.Redactor);
            var budget = tokenBudget is null && minimumCredit is null ? null
                : new RunBudget(tokenBudget, minimumCredit, journal?.SpentTokens ?? 0, minimumCredit is null ? null : Client!.GetCreditsAsync);
            _ledger = new RunLedger(journal, budget, shard);
        }
        catch (EvolinkException ex)
        {
            journal?.Dispose();
            ThrowEvolinkError(ex, journalPath);
        }
        if (journal is not null)
        {
            if (journal.Repaired is { } repaired)
                Warning(repaired);
            Verbose($"Journal {journal.Path}: {journal.Answered} input(s) answered and {journal.Failures} failure(s) recorded by earlier runs, {journal.SpentTokens} tokens spent.");
        }
        return _ledger;
    }

    /// <summary>One request's call, within the run's budget and recorded in its journal (and in the history, when on).</summary>
    private protected Task<ChatResponse> Sent(RunStep? step, ChatRequest request, Func<CancellationToken, Task<ChatResponse>> call, CancellationToken token) =>
        step is null ? Recorded(request, call, token) : _ledger!.SendAsync(step, t => Recorded(request, call, t), token);

    /// <summary>A journal that can no longer be written ends the run: sending more would pay for answers nobody keeps.</summary>
    private protected void StopForJournal(EvolinkException failure, string? journalPath)
    {
        failure.Note = "No more input is sent; every outcome recorded before stays in the journal.";
        ThrowEvolinkError(failure, journalPath);
    }

    protected override void Release()
    {
        _ledger?.Dispose();
        base.Release();
    }
}
