using System;
using System.Threading;
using Evolink.Chat;
using Evolink.Errors;

namespace Evolink.Transport;

/// <summary>
/// The total time one call may take, retries and a stream's last byte
/// included. Its token is what every step of the call waits on; when it is
/// the deadline (not the caller) that ended a step, the call is a timeout.
/// </summary>
internal sealed class CallDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _caller;
    private readonly TimeSpan? _limit;

    public CallDeadline(TimeSpan? limit, CancellationToken caller)
    {
        _caller = caller;
        _limit = limit is { } value && value > TimeSpan.Zero ? value : null;
        _source = CancellationTokenSource.CreateLinkedTokenSource(caller);
        if (_limit is { } set)
            _source.CancelAfter(set);
    }

    public CancellationToken Token => _source.Token;

    /// <summary>The deadline has passed and the caller did not cancel.</summary>
    public bool Passed => _source.IsCancellationRequested && !_caller.IsCancellationRequested;

    /// <summary>What any failure becomes once the deadline has passed, or what an unexpected one becomes otherwise; null to let it go as it is.</summary>
    public EvolinkException? Translate(Exception error, ChatResponse? partial, string? requestId)
    {
        if (Passed)
            return new EvolinkException(EvolinkErrorKind.Timeout,
                $"The call did not finish within {_limit!.Value.TotalSeconds:0.###} s, its total time limit; the server kept it open. " +
                "What arrived is kept on the error.", error, EvolinkRemedy.TotalTimeout)
            { PartialResponse = partial, RequestId = requestId };
        if (error is EvolinkException || (error is OperationCanceledException && _caller.IsCancellationRequested))
            return null;
        // Nothing a server sends may surface as anything but an Evolink error for that one call.
        return new EvolinkException(EvolinkErrorKind.InvalidResponse, $"The reply could not be read: {error.Message}", error)
            { PartialResponse = partial, RequestId = requestId };
    }

    public void Dispose() => _source.Dispose();
}
