using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Batch;
using Evolink.Chat;
using Evolink.Chat.Input;
using Evolink.Errors;
using Evolink.Runs;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Sends a chat to the Evolink gateway and returns the reply.</para>
/// </summary>
// ConfirmImpact Low: a chat is asked about only with -Confirm or $ConfirmPreference = 'Low'; -WhatIf sends nothing.
[Cmdlet(VerbsLifecycle.Invoke, "EvolinkChat", DefaultParameterSetName = PromptSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ChatResponse))]
[OutputType(typeof(ChatChunk))]
[OutputType(typeof(string))]
public sealed partial class InvokeEvolinkChatCommand : EvolinkChatCmdlet
{
    private const string PromptSet = "Prompt";
    private const string MessageSet = "Message";
    private const string ConversationSet = "Conversation";

    private readonly List<ChatMessage> _messages = new();
    private PipelineBatch<ChatResponse>? _batch;

    /// <summary>Which input this is, from 1: an error says it when the inputs came from the pipeline.</summary>
    private long _position;
    private bool _warnedStreamIsSequential;

    /// <summary>The question; each string from the pipeline is its own request.</summary>
    [Parameter(ParameterSetName = PromptSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = MessageSet, Position = 0)]
    [Parameter(ParameterSetName = ConversationSet, Mandatory = true, Position = 0)]
    [AllowNull]
    [AllowEmptyString]
    public string? Prompt { get; set; }

    /// <summary>Messages from New-EvolinkMessage; piped messages make one conversation.</summary>
    [Parameter(ParameterSetName = MessageSet, Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyCollection]
    public ChatMessage[]? Message { get; set; }

    /// <summary>A response or saved conversation to continue; each piped one is continued with the prompt.</summary>
    [Parameter(ParameterSetName = ConversationSet, Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public IConversation? Conversation { get; set; }

    /// <summary>Images for the prompt: file paths (sent as data: URIs) or https URLs, in order.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Image { get; set; }

    /// <summary>How closely the model looks at -Image: auto, low or high.</summary>
    [Parameter]
    [ValidateSet("auto", "low", "high")]
    public string? ImageDetail { get; set; }

    /// <summary>Show the reply on the host as it arrives; the whole response still goes to the pipeline.</summary>
    [Parameter]
    public SwitchParameter Stream { get; set; }

    /// <summary>Output each streamed chunk the moment it arrives, instead of one response at the end.</summary>
    [Parameter]
    public SwitchParameter AsChunk { get; set; }

    /// <summary>Output only the reply's text, as a string.</summary>
    [Parameter]
    public SwitchParameter AsText { get; set; }

    private bool Streaming => Stream || AsChunk;

    private BatchProgress? _progress;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        RefuseWhatEveryInputWouldFail();
        // Progress for piped batches a person watches; a stream shows itself as it arrives.
        _progress = new BatchProgress(this, MyInvocation.ExpectingInput && !Streaming && HostInput.SomeoneWatchesProgress(this));
        _batch = Batch<ChatResponse>(ThrottleLimit, ordered: !Unordered, Deliver);
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName != MessageSet || _messages.Count == 0)
            _position++;
        // A $null from the pipeline binds to whichever set allows it; every set answers it the same way.
        switch (ParameterSetName)
        {
            case MessageSet when Message is null || Message.Length == 0 || Message.Any(m => m is null):
            case ConversationSet when Conversation is null:
                Refuse(EmptyInput(), null);
                break;
            case MessageSet:
                _messages.AddRange(Message);
                break;
            case ConversationSet:
                Send(Conversation!.Messages, Conversation.Model, Conversation);
                break;
            default:
                Send(Array.Empty<ChatMessage>(), null, Prompt);
                break;
        }
    }

    protected override void EndProcessing()
    {
        if (_messages.Count > 0)
            Send(_messages, null, _messages.ToArray());
        _batch!.Drain();
        _progress!.Complete();
    }

    /// <summary>An input refused before sending: its error still goes through the batch, so errors keep input order.</summary>
    private void Refuse(EvolinkException refusal, object? input)
    {
        AddToBatch(input, _ => Task.FromException<ChatResponse>(refusal));
    }

    private static EvolinkException EmptyInput() => new(EvolinkErrorKind.InvalidInput,
        "The prompt is empty, so there is nothing to send. Give a prompt, or skip empty lines with Where-Object { $_.Trim() }.");

    private void AddToBatch(object? input, Func<CancellationToken, Task<ChatResponse>> work)
    {
        _progress!.Added();
        _batch!.Add(new Numbered(input, _position), work);
    }

    /// <summary>An input with its position, as the batch carries it to <see cref="Deliver"/>.</summary>
    private sealed class Numbered
    {
        public Numbered(object? input, long position)
        {
            Input = input;
            Position = position;
        }

        public object? Input { get; }
        public long Position { get; }
    }

    private void Send(IEnumerable<ChatMessage> history, string? conversationModel, object? input)
    {
        if (!ShouldProcess(DescribeTarget(history, conversationModel), "Send chat request"))
            return;
        ChatRequest request;
        try
        {
            request = BuildRequest(history, conversationModel);
        }
        catch (EvolinkException ex)
        {
            Refuse(ex, input);
            return;
        }
        try
        {
            AddMcpTools(request);
        }
        catch (EvolinkException ex)
        {
            // A server that does not start fails every input the same way: the command stops, once.
            ThrowEvolinkError(ex, input);
        }
        var tools = RunsTools;
        var step = Plan(request, input, tools, out var handled);
        if (handled)
            return;
        if (tools)
        {
            SendWithTools(request, input, step);
            return;
        }
        if (Streaming)
        {
            SendStreaming(request, input, step);
            return;
        }
        // The batch takes no more than its read-ahead of inputs ahead of the output.
        AddToBatch(input, token => Sent(step, request, t => Client!.CompleteAsync(request, t), token));
    }

    /// <summary>What -WhatIf and -Confirm name: the model and the start of the prompt.</summary>
    private string DescribeTarget(IEnumerable<ChatMessage> history, string? conversationModel)
    {
        var model = Model ?? conversationModel ?? Client!.Options.DefaultModel;
        var text = !string.IsNullOrEmpty(Prompt) ? Prompt! : history.LastOrDefault(m => m.Role == ChatRole.User)?.Content?.ToString() ?? string.Empty;
        text = ScreenText.OneLine(text.Replace("\r\n", " ").Replace('\n', ' '));
        return $"model {ScreenText.OneLine(model)}: '{(text.Length > 60 ? text.Substring(0, 57) + "..." : text)}'";
    }

    /// <summary>
    /// A bad schema, tool, format or image fails every input the same way:
    /// stop once, before any input is read, instead of once per input.
    /// </summary>
    private void RefuseWhatEveryInputWouldFail()
    {
        try
        {
            RequestOptions().ApplyTo(new ChatRequest(), ResolvePath);
            McpServers();
            if (Image is { Length: > 0 })
                MessageBuilder.Build(ChatRole.User, null, Image, ImageDetail, resolvePath: ResolvePath);
        }
        catch (EvolinkException ex)
        {
            ThrowEvolinkError(ex, null);
        }
    }

    private ChatRequest BuildRequest(IEnumerable<ChatMessage> history, string? conversationModel)
    {
        // An empty line in a piped file is a common slip: one error for that input, the others go on.
        if (ParameterSetName != MessageSet && string.IsNullOrWhiteSpace(Prompt))
            throw EmptyInput();
        var messages = history.ToList();
        if (!string.IsNullOrEmpty(Prompt))
            messages.Add(MessageBuilder.Build(ChatRole.User, Prompt, Image, ImageDetail, resolvePath: ResolvePath));
        // No model named: the client fills in the default the settings chose.
        var request = ChatRequests.For(Model ?? conversationModel, SystemPrompt, messages);
        RequestOptions().ApplyTo(request, ResolvePath);
        return request;
    }

    private void Deliver(BatchItem<ChatResponse> item)
    {
        var numbered = (Numbered)item.Input!;
        _progress!.Finished(item.Error is not null, item.Result is { FromJournal: false, FromCache: false } fresh ? fresh.Usage : null);
        switch (item.Error)
        {
            case null:
                Output(item.Result!, numbered.Input);
                break;
            case EvolinkException { Kind: EvolinkErrorKind.Journal } failure:
                StopForJournal(failure, Journal);
                break;
            case EvolinkException failure:
                WriteEvolinkError(failure, numbered.Input, numbered.Position);
                break;
            case OperationCanceledException when Cancellation.IsCancellationRequested:
                break;
            default:
                WriteEvolinkError(new EvolinkException(EvolinkErrorKind.Unknown, item.Error.Message, item.Error), numbered.Input, numbered.Position);
                break;
        }
    }

    private void Output(ChatResponse response, object? input)
    {
        // An answer read back from a journal was paid for by the run that recorded it; a cached one was not paid for now.
        if (!response.FromJournal && !response.FromCache)
            SessionUsage.Add(response);
        if (ShowReasoning && !Streaming && response.Reasoning is { Length: > 0 } reasoning)
            Reasoning()(reasoning.TrimEnd() + "\n");
        // An answer from the journal was not streamed now: nothing of it has been shown yet.
        var streamed = Streaming && !response.FromJournal;
        if (AsText)
        {
            // The text streamed to a console that would only show it again: there is nobody else to give it to.
            if (!(streamed && Stream && ShownTextGoesNowhereElse))
                WriteObject(response.Text);
            return;
        }
        response.Data = PowerShellData.ToPowerShell(response.Data);
        var shownIn = streamed && Stream && OutputGoesStraightToHost ? MyInvocation.HistoryId : (long?)null;
        var markdownIn = shownIn is null && OutputGoesStraightToHost && RendersMarkdown ? MyInvocation.HistoryId : (long?)null;
        WriteObject(ResponseView.ForPipeline(response, input, streamed, shownIn, markdownIn));
    }

    /// <summary>This command's output goes straight to the host (see <see cref="OutputDestination"/>).</summary>
    private bool OutputGoesStraightToHost => _straightToHost ??= OutputDestination.StraightToHost(MyInvocation, typed: false);

    /// <summary>As <see cref="OutputGoesStraightToHost"/>, and typed at the prompt: certain enough to leave a string out.</summary>
    private bool ShownTextGoesNowhereElse => _typedStraightToHost ??= OutputDestination.StraightToHost(MyInvocation, typed: true);

    private bool? _straightToHost;
    private bool? _typedStraightToHost;

    private string ResolvePath(string path) => GetUnresolvedProviderPathFromPSPath(path);

    protected override void Release()
    {
        _batch?.Dispose();
        base.Release();
    }
}
