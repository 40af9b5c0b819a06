using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Sends a chat to the Evolink gateway and returns the reply.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "EvolinkChat", DefaultParameterSetName = PromptSet, SupportsShouldProcess = true)]
[OutputType(typeof(ChatResponse))]
[OutputType(typeof(ChatChunk))]
[OutputType(typeof(string))]
public sealed partial class InvokeEvolinkChatCommand : EvolinkGatewayCmdlet
{
    private const string PromptSet = "Prompt";
    private const string MessageSet = "Message";
    private const string ConversationSet = "Conversation";

    private readonly List<ChatMessage> _messages = new();
    private OrderedBatch<ChatResponse>? _batch;
    private bool _warnedStreamIsSequential;

    /// <summary>The question; each string from the pipeline is its own request.</summary>
    [Parameter(ParameterSetName = PromptSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = MessageSet, Position = 0)]
    [Parameter(ParameterSetName = ConversationSet, Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Prompt { get; set; }

    /// <summary>Messages from New-EvolinkMessage; piped messages make one conversation.</summary>
    [Parameter(ParameterSetName = MessageSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public ChatMessage[]? Message { get; set; }

    /// <summary>A response or saved conversation to continue; each piped one is continued with the prompt.</summary>
    [Parameter(ParameterSetName = ConversationSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public IConversation? Conversation { get; set; }

    /// <summary>Instructions sent first, as a system message; it replaces a system message the history already has.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SystemPrompt { get; set; }

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

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _batch = new OrderedBatch<ChatResponse>(ThrottleLimit, Pump.Deliverer<BatchItem<ChatResponse>>(Deliver), ordered: !Unordered, Cancellation);
    }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case MessageSet:
                _messages.AddRange(Message!);
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
        if (ParameterSetName == MessageSet)
            Send(_messages, null, _messages.ToArray());
        PumpUntil(() => Pump.Owed == 0);
    }

    private void AddToBatch(object? input, Func<CancellationToken, Task<ChatResponse>> work)
    {
        Pump.Expect();
        _batch!.Add(input, work);
    }

    private void Send(IEnumerable<ChatMessage> history, string? conversationModel, object? input)
    {
        ChatRequest request;
        try
        {
            request = BuildRequest(history, conversationModel);
        }
        catch (EvolinkException ex)
        {
            // Refused before sending; still goes through the batch so errors keep input order.
            AddToBatch(input, _ => Task.FromException<ChatResponse>(ex));
            PumpReady();
            return;
        }
        if (RunnableTools.Count > 0)
        {
            SendWithTools(request, input);
            return;
        }
        if (Streaming)
        {
            SendStreaming(request, input);
            return;
        }
        // Bounded read-ahead: take no more than twice the throttle limit of inputs ahead of the output.
        PumpUntil(() => Pump.Owed < Math.Max(2 * ThrottleLimit, 2));
        AddToBatch(input, token => Client!.CompleteAsync(request, token));
        PumpReady();
    }

    private ChatRequest BuildRequest(IEnumerable<ChatMessage> history, string? conversationModel)
    {
        var messages = history.ToList();
        if (!string.IsNullOrEmpty(Prompt))
            messages.Add(MessageBuilder.Build(ChatRole.User, Prompt, Image, ImageDetail, resolvePath: ResolvePath));
        var request = ChatRequests.ForPrompt(Model ?? conversationModel ?? Settings.DefaultModel, SystemPrompt, messages, null);
        RequestOptions().ApplyTo(request, ResolvePath);
        return request;
    }

    /// <summary>One stream at a time: chunks are shown or written on the pipeline thread as they arrive.</summary>
    private void SendStreaming(ChatRequest request, object? input)
    {
        if (ThrottleLimit > 1 && !_warnedStreamIsSequential)
        {
            WriteWarning("-Stream and -AsChunk show one reply at a time, so -ThrottleLimit is not used with them.");
            _warnedStreamIsSequential = true;
        }
        SendOneAtATime(input, (onChunk, token) => Client!.StreamAsync(request, token).ToResponseAsync(onChunk, token));
    }

    /// <summary>The model may call PowerShell commands: rounds run one input at a time, each call on this thread.</summary>
    private void SendWithTools(ChatRequest request, object? input)
    {
        var loop = new ToolLoop(Client!, new PowerShellToolRunner(RunnableTools, this, Post, Force), new ToolLoopOptions { MaximumToolRounds = MaximumToolRounds });
        SendOneAtATime(input, (onChunk, token) => loop.RunAsync(request, Streaming, Streaming ? onChunk : null, token));
    }

    /// <summary>
    /// Waits for earlier batched inputs first (output keeps input order), then
    /// runs this one while chunks are shown or written here as they arrive.
    /// </summary>
    private void SendOneAtATime(object? input, Func<Action<ChatChunk>, CancellationToken, Task<ChatResponse>> work)
    {
        PumpUntil(() => Pump.Owed == 0);
        var echo = new StreamEcho(text => Host.UI.Write(text));
        ChatResponse response;
        try
        {
            response = Await(token => work(chunk => Post(() => OnChunk(chunk, echo)), token));
        }
        catch (EvolinkException ex)
        {
            echo.Complete();
            WriteEvolinkError(ex, input);
            return;
        }
        echo.Complete();
        if (!AsChunk)
            Output(response, input);
    }

    private void OnChunk(ChatChunk chunk, StreamEcho echo)
    {
        if (AsChunk)
            WriteObject(chunk);
        else
            echo.Add(chunk);
    }

    private void Deliver(BatchItem<ChatResponse> item)
    {
        switch (item.Error)
        {
            case null:
                Output(item.Result!, item.Input);
                break;
            case EvolinkException failure:
                WriteEvolinkError(failure, item.Input);
                break;
            case OperationCanceledException when Cancellation.IsCancellationRequested:
                break;
            default:
                WriteError(new ErrorRecord(item.Error, "EvolinkError", ErrorCategory.NotSpecified, item.Input));
                break;
        }
    }

    private void Output(ChatResponse response, object? input)
    {
        if (AsText)
        {
            WriteObject(response.Text);
            return;
        }
        response.Input = input;
        response.Data = PowerShellData.ToPowerShell(response.Data);
        WriteObject(response);
    }

    private string ResolvePath(string path) => GetUnresolvedProviderPathFromPSPath(path);

    protected override void Release() => _batch?.Dispose();
}
