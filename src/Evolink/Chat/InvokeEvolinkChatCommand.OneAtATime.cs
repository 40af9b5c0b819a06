using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Chat;
using Evolink.Errors;
using Evolink.Runs;
using Evolink.ToolCalling;

namespace Evolink.Commands;

/// <summary>
/// Replies that run one input at a time, on the pipeline thread's terms:
/// streams (shown on the host or written as chunks as they arrive) and
/// tool-calling rounds (each call asked about and run here).
/// </summary>
public sealed partial class InvokeEvolinkChatCommand
{
    /// <summary>One stream at a time: chunks are shown or written on the pipeline thread as they arrive.</summary>
    private void SendStreaming(ChatRequest request, object? input, RunStep? step)
    {
        if (ThrottleLimit > 1 && !_warnedStreamIsSequential)
        {
            Warning("-Stream and -AsChunk show one reply at a time, so -ThrottleLimit is not used with them.");
            _warnedStreamIsSequential = true;
        }
        SendOneAtATime(input, (onChunk, token) => Sent(step, request, t => Client!.StreamAsync(request, t).ToResponseAsync(onChunk, t), token));
    }

    /// <summary>The model may call PowerShell commands: rounds run one input at a time, each call on this thread.</summary>
    private void SendWithTools(ChatRequest request, object? input, RunStep? step)
    {
        var loop = new ToolLoop(Client!, ToolRunner(), new ToolLoopOptions { MaximumToolRounds = MaximumToolRounds });
        SendOneAtATime(input, (onChunk, token) => Sent(step, request, t => loop.RunAsync(request, Streaming, Streaming ? onChunk : null, t), token));
    }

    /// <summary>
    /// Waits for earlier batched inputs first (output keeps input order), then
    /// runs this one while chunks are shown or written here as they arrive.
    /// </summary>
    private void SendOneAtATime(object? input, Func<Action<ChatChunk>, CancellationToken, Task<ChatResponse>> work)
    {
        _batch!.Drain();
        // -Stream: the text gathers as it arrives and is written at most every few milliseconds, one host write per burst.
        // -AsChunk: each chunk is written as an object, handed over the moment it arrives.
        // Both: each chunk is output and the text is shown as it arrives.
        var text = ReplyText();
        var chunks = AsChunk ? new ChunkRelay(Post, WriteObject, Cancellation) : null;
        Action<ChatChunk> onChunk = chunks is null ? text.Add : Stream ? chunk => { chunks.Add(chunk); text.Add(chunk); } : chunks.Add;
        // After Ctrl+C no more chunk objects are written, but the shown line is ended.
        void End(bool stopped)
        {
            if (!stopped)
                chunks?.DrainNow();
            text.Complete();
        }
        ChatResponse response;
        _progress!.Added();
        try
        {
            response = Await(token => work(onChunk, token));
        }
        catch (EvolinkException ex) when (ex.Kind == EvolinkErrorKind.Journal)
        {
            End(stopped: false);
            StopForJournal(ex, Journal);
            return;
        }
        catch (EvolinkException ex)
        {
            End(stopped: false);
            _progress.Finished(failed: true);
            WriteEvolinkError(ex, input, _position);
            return;
        }
        catch (PipelineStoppedException)
        {
            // Ctrl+C mid-reply: end the partial line so the prompt starts on a new one.
            End(stopped: true);
            throw;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && Cancellation.IsCancellationRequested))
        {
            // Whatever went wrong with one input is that input's error; the pipeline goes on.
            End(stopped: false);
            _progress.Finished(failed: true);
            WriteEvolinkError(new EvolinkException(EvolinkErrorKind.Unknown, ex.Message, ex), input, _position);
            return;
        }
        End(stopped: false);
        _progress.Finished(failed: false, response.Usage);
        if (Stream && response.Choices.Count > 1)
            Host.UI.WriteLine($"[choice 1 of {response.Choices.Count} shown; the others are in the response's Choices]");
        if (!AsChunk)
            Output(response, input);
    }
}
