using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Account;
using Evolink.Chat;
using Evolink.Errors;

namespace Evolink.Runs;

/// <summary>
/// What a run may spend: a number of tokens (prompt and completion, as the
/// gateway reports them, what a journal recorded included) and a balance
/// below which nothing more is sent (asked before the first request and
/// again at most every <see cref="CreditCheckInterval"/>). Once reached, every
/// later request is refused at once with the same reason, without a call.
/// Requests already in flight finish: the budget can be passed by at most
/// what they spend.
/// </summary>
public sealed class RunBudget
{
    /// <summary>How stale the balance may grow during a run: one small GET at most this often.</summary>
    public static readonly TimeSpan CreditCheckInterval = TimeSpan.FromSeconds(30);

    private readonly Func<CancellationToken, Task<CreditBalance>>? _credits;
    private readonly SemaphoreSlim _checking = new(1, 1);
    private readonly long _spentBefore;
    private long _spent;
    private long _lastCheck;
    private bool _checkedOnce;
    private string? _stopped;
    private EvolinkRemedy _stoppedRemedy;

    /// <param name="tokenLimit">At most this many tokens in the run; null: no limit.</param>
    /// <param name="minimumCredit">Send nothing once the balance is below this; null: the balance is not asked.</param>
    /// <param name="spentBefore">Tokens the run's journal already recorded as spent.</param>
    /// <param name="credits">How the balance is asked (the client's GET /v1/credits).</param>
    public RunBudget(long? tokenLimit, double? minimumCredit, long spentBefore, Func<CancellationToken, Task<CreditBalance>>? credits)
    {
        if (minimumCredit is not null && credits is null)
            throw new ArgumentNullException(nameof(credits), "A minimum credit needs a way to ask the balance.");
        TokenLimit = tokenLimit;
        MinimumCredit = minimumCredit;
        _spentBefore = spentBefore;
        _spent = spentBefore;
        _credits = credits;
    }

    public long? TokenLimit { get; }
    public double? MinimumCredit { get; }

    /// <summary>Tokens spent so far, the journal's included.</summary>
    public long Spent => Interlocked.Read(ref _spent);

    /// <summary>Counts what a reply (or a failed one's partial reply) spent.</summary>
    public void Spend(Usage? usage)
    {
        if (usage?.TotalTokens is { } tokens && tokens > 0)
            Interlocked.Add(ref _spent, tokens);
    }

    /// <summary>Before a request: refuses it when the budget is reached, asking the balance when it is due.</summary>
    public async Task EnsureRoomAsync(CancellationToken cancellationToken)
    {
        ThrowIfStopped();
        if (TokenLimit is { } limit && Spent >= limit)
        {
            var before = _spentBefore > 0 ? $", {_spentBefore.ToString("N0", CultureInfo.InvariantCulture)} of them recorded in the journal by earlier runs" : string.Empty;
            Stop($"The run's token budget is spent: {Spent.ToString("N0", CultureInfo.InvariantCulture)} tokens used of {limit.ToString("N0", CultureInfo.InvariantCulture)} (prompt and completion, as the gateway reported them{before}). Nothing more is sent in this run.",
                EvolinkRemedy.RaiseTokenBudget);
        }
        if (MinimumCredit is { } minimum && CreditCheckDue())
            await CheckCreditAsync(minimum, cancellationToken).ConfigureAwait(false);
    }

    private bool CreditCheckDue() => !Volatile.Read(ref _checkedOnce)
        || Stopwatch.GetTimestamp() - Interlocked.Read(ref _lastCheck) >= (long)(CreditCheckInterval.TotalSeconds * Stopwatch.Frequency);

    private async Task CheckCreditAsync(double minimum, CancellationToken cancellationToken)
    {
        await _checking.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request may have asked while this one waited.
            ThrowIfStopped();
            if (!CreditCheckDue())
                return;
            var balance = await _credits!(cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _lastCheck, Stopwatch.GetTimestamp());
            Volatile.Write(ref _checkedOnce, true);
            if (balance.Available is { } available && available < minimum)
                Stop($"The balance is {available.ToString("0.####", CultureInfo.InvariantCulture)} credits, below the run's minimum of {minimum.ToString("0.####", CultureInfo.InvariantCulture)}. Nothing more is sent in this run.",
                    EvolinkRemedy.TopUpOrLowerMinimum);
        }
        finally
        {
            _checking.Release();
        }
    }

    private void Stop(string reason, EvolinkRemedy remedy)
    {
        lock (_checking)
        {
            if (_stopped is null)
            {
                _stoppedRemedy = remedy;
                _stopped = reason;
            }
        }
        ThrowIfStopped();
    }

    private void ThrowIfStopped()
    {
        var reason = Volatile.Read(ref _stopped);
        if (reason is not null)
            throw new EvolinkException(EvolinkErrorKind.BudgetExceeded, reason, remedy: _stoppedRemedy);
    }
}
