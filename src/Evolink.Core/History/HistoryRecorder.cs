using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Chat;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.History;

/// <summary>
/// Writes each call of one command to the history, when the history is on:
/// from whichever thread the call ends on (the store locks), never failing
/// the call itself; a history that cannot be written is said once.
/// </summary>
public sealed class HistoryRecorder
{
    private readonly HistoryStore _store;
    private readonly SecretRedactor _redactor;
    private readonly string _defaultModel;
    private readonly string? _command;
    private readonly Action<string> _warn;
    private int _warned;

    public HistoryRecorder(HistoryStore store, SecretRedactor redactor, string defaultModel, string? command, Action<string> warn)
    {
        _defaultModel = defaultModel;
        _store = store;
        _redactor = redactor;
        _command = command;
        _warn = warn;
    }

    /// <summary>Runs one call and writes what it sent and what came of it.</summary>
    public async Task<ChatResponse> Record(ChatRequest request, Func<CancellationToken, Task<ChatResponse>> call, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await call(cancellationToken).ConfigureAwait(false);
            Write(request, response, null, started, clock.Elapsed);
            return response;
        }
        catch (EvolinkException ex)
        {
            Write(request, ex.PartialResponse, ex, started, clock.Elapsed);
            throw;
        }
    }

    private void Write(ChatRequest request, ChatResponse? response, EvolinkException? error, DateTimeOffset started, TimeSpan duration)
    {
        try
        {
            _store.Append(new HistoryEntry
            {
                Time = started,
                Model = request.Model ?? _defaultModel,
                AnsweredBy = response?.Model,
                Messages = request.Messages.ToList(),
                Reply = error is null ? response?.Text : null,
                FinishReason = response?.FinishReason,
                Usage = response?.Usage,
                DurationMs = Math.Round(duration.TotalMilliseconds, 1),
                RequestId = response?.RequestId ?? error?.RequestId,
                ErrorKind = error?.Kind.ToString(),
                Error = error?.Message,
                Command = _command,
            }, _redactor);
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or EvolinkException)
        {
            if (Interlocked.Exchange(ref _warned, 1) == 0)
                _warn($"The history could not be written to '{_store.Path}': {ex.Message} The calls themselves are not affected.");
        }
    }
}
