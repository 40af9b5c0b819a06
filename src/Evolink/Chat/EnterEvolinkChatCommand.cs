using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Chat;
using Evolink.Chat.Input;
using Evolink.Errors;
using Evolink.ToolCalling;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Chats with a model at the console: each reply streams as it arrives, the conversation is kept between turns, and /commands manage it.</para>
/// </summary>
[Cmdlet(VerbsCommon.Enter, "EvolinkChat")]
[OutputType(typeof(Conversation))]
public sealed partial class EnterEvolinkChatCommand : EvolinkChatCmdlet
{
    /// <summary>A response or saved conversation to go on from (the last one piped wins).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public IConversation? Conversation { get; set; }

    /// <summary>Output the conversation when the chat ends (also when you leave with Ctrl+C), so a script can keep it or save it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private readonly List<ChatMessage> _messages = new();
    private readonly List<string> _images = new();
    private readonly UsageTotal _usage = new();
    private string? _model;
    private string? _system;
    private CancellationTokenSource? _turn;
    private bool _interrupted;

    /// <summary>The last message that got no answer (it failed, or Ctrl+C ended its reply): what /retry sends.</summary>
    private ChatMessage? _unanswered;

    protected override void BeginProcessing()
    {
        // Refused before anything is written, not at the first prompt.
        if (!HostInput.CanRead(Host))
            ThrowEvolinkError(NotInteractive(), null);
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        if (Conversation is null)
            return;
        // The system prompt is kept apart, as /system and -SystemPrompt change it.
        _messages.Clear();
        _messages.AddRange(Conversation.Messages.Where(m => m.Role != ChatRole.System));
        _system = Conversation.Messages.FirstOrDefault(m => m.Role == ChatRole.System)?.Content?.ToString();
        _model ??= Conversation.Model;
    }

    protected override void EndProcessing()
    {
        _model = Model ?? _model ?? Client!.Options.DefaultModel;
        _system = SystemPrompt ?? _system;
        Say($"Evolink chat with {_model}. Type a message and press Enter; end a line with \\ to go on, or put \"\"\" on a line to start and end a block. /help lists the commands; /exit or Ctrl+C leaves.");
        if (_messages.Count > 0)
            Say($"Going on from {Turns(_messages)} earlier turn(s), {_messages.Count} message(s){(_system is null ? string.Empty : ", with a system prompt")}.");
        while (ReadInput() is { } input)
        {
            if (input.StartsWith("/", StringComparison.Ordinal))
            {
                if (!Command(input))
                    break;
            }
            else if (input.Trim().Length > 0)
            {
                Turn(input);
            }
        }
        if (PassThru && !_interrupted)
            WriteObject(new Conversation { Model = _model, Messages = WithSystem().ToList() });
    }

    // Ctrl+C during a reply ends that reply and keeps the chat; at the prompt of a console it is read as a key (leave the chat);
    // elsewhere the host ends the command as usual.
    protected override void StopProcessing()
    {
        if (_turn is { } turn)
        {
            turn.Cancel();
            return;
        }
        _interrupted = true;
        base.StopProcessing();
    }

    /// <summary>Sends one message and shows the reply as it arrives; the message stays only when it was answered.</summary>
    private void Turn(string text)
    {
        ChatMessage message;
        try
        {
            message = MessageBuilder.Build(ChatRole.User, text, _images.Count > 0 ? _images.ToArray() : null, null, resolvePath: ResolvePath);
        }
        catch (EvolinkException ex)
        {
            // An image that went missing since /image: it goes, so it cannot stop every later message.
            var dropped = _images.Count;
            _images.Clear();
            SayError(Advice.Worded(ex).Message + (dropped > 0 ? $" The {dropped} attached image(s) were dropped; attach them again with /image, then send the message." : string.Empty));
            return;
        }
        _images.Clear();
        Send(message);
    }

    /// <summary>
    /// Sends a message after the conversation. Answered, the conversation
    /// becomes what the reply says it is (with tools, the model's calls and
    /// their answers stay for the next turn); unanswered, the message goes,
    /// kept for /retry.
    /// </summary>
    private void Send(ChatMessage message)
    {
        _messages.Add(message);
        if (Reply() is not { } reply)
        {
            _messages.RemoveAt(_messages.Count - 1);
            _unanswered = message;
            return;
        }
        _unanswered = null;
        _messages.Clear();
        _messages.AddRange(reply.Conversation!.Messages.Where((sent, i) => !(i == 0 && sent.Role == ChatRole.System)));
        _usage.Add(reply.Usage);
    }

    private ChatResponse? Reply()
    {
        var request = ChatRequests.For(_model, null, WithSystem());
        var shown = ReplyText();
        using var turn = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        _turn = turn;
        Label(_model + "> ", ConsoleColor.Cyan);
        try
        {
            SharedOptions().ApplyTo(request, ResolvePath);
            // The chat's MCP servers start with its first message and live as long as the chat.
            AddMcpTools(request);
            var loop = RunsTools
                ? new ToolLoop(Client!, ToolRunner(), new ToolLoopOptions { MaximumToolRounds = MaximumToolRounds })
                : null;
            var reply = Await(token => Recorded(request, t => loop is null
                ? Client!.StreamAsync(request, t).ToResponseAsync(shown.Add, t)
                : loop.RunAsync(request, true, shown.Add, t), token), turn.Token);
            shown.Complete();
            return reply;
        }
        catch (OperationCanceledException) when (turn.IsCancellationRequested && !Cancellation.IsCancellationRequested)
        {
            shown.Complete();
            Say("[reply cancelled; the message was not kept: /retry sends it again]");
        }
        catch (EvolinkException ex)
        {
            shown.Complete();
            SayError(Advice.Worded(ex).Message + " The message was not kept: /retry sends it again.");
        }
        finally
        {
            _turn = null;
        }
        return null;
    }

    /// <summary>The system prompt first, when one is set, then the conversation.</summary>
    private IEnumerable<ChatMessage> WithSystem() =>
        _system is null ? _messages : ChatRequests.For(null, _system, _messages).Messages;

    private static int Turns(IEnumerable<ChatMessage> messages) => messages.Count(m => m.Role == ChatRole.User);

    private static EvolinkException NotInteractive() => new(EvolinkErrorKind.InvalidInput,
        "Enter-EvolinkChat needs an interactive console to read from, and this session is not interactive. " +
        "In scripts and CI use Invoke-EvolinkChat; to go on from a conversation there, pipe it: $reply | Invoke-EvolinkChat 'next question'.");

    private string ResolvePath(string path) => GetUnresolvedProviderPathFromPSPath(path);
}
