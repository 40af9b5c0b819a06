using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Sends a chat to the Evolink gateway and returns the reply.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "EvolinkChat", DefaultParameterSetName = PromptSet)]
[OutputType(typeof(ChatResponse))]
[OutputType(typeof(ChatChunk))]
[OutputType(typeof(string))]
public sealed partial class InvokeEvolinkChatCommand : EvolinkCmdlet
{
    private const string PromptSet = "Prompt";
    private const string MessageSet = "Message";
    private const string ConversationSet = "Conversation";

    private readonly List<ChatMessage> _messages = new();
    private EvolinkClient? _client;

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

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SystemPrompt { get; set; }

    /// <summary>Images for the prompt: file paths (sent as data: URIs) or https URLs, in order.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Image { get; set; }

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

    protected override void BeginProcessing()
    {
        try
        {
            var (client, keySource) = ClientParameters.Create(ApiKey, BaseUri, AllowUnencryptedAuthentication);
            _client = client;
            WriteVerbose($"Using the API key from {keySource}; gateway {client.Options.BaseUri}.");
        }
        catch (EvolinkException ex)
        {
            ThrowEvolinkError(ex, null);
        }
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
    }

    private void Send(IEnumerable<ChatMessage> history, string? conversationModel, object? input)
    {
        try
        {
            var request = BuildRequest(history, conversationModel);
            if (Stream || AsChunk)
                SendStreaming(request);
            else
                Output(Await(token => _client!.CompleteAsync(request, token)));
        }
        catch (EvolinkException ex)
        {
            WriteEvolinkError(ex, input);
        }
    }

    private ChatRequest BuildRequest(IEnumerable<ChatMessage> history, string? conversationModel)
    {
        var messages = history.ToList();
        if (!string.IsNullOrEmpty(Prompt))
            messages.Add(MessageBuilder.Build(ChatRole.User, Prompt, Image, ImageDetail, resolvePath: ResolvePath));
        var request = ChatRequests.ForPrompt(Model ?? conversationModel, SystemPrompt, messages, null);
        RequestOptions().ApplyTo(request, ResolvePath);
        return request;
    }

    /// <summary>Chunks are read here, on the pipeline thread, so every host and pipeline write happens here too.</summary>
    private void SendStreaming(ChatRequest request)
    {
        var stream = _client!.StreamAsync(request, Cancellation);
        var echo = new StreamEcho(text => Host.UI.Write(text));
        try
        {
            foreach (var chunk in Blocking(stream))
            {
                if (AsChunk)
                    WriteObject(chunk);
                else
                    echo.Add(chunk);
            }
        }
        finally
        {
            echo.Complete();
        }
        if (!AsChunk)
            Output(stream.Response!);
    }

    private void Output(ChatResponse response)
    {
        if (AsText)
        {
            WriteObject(response.Text);
            return;
        }
        response.Data = PowerShellData.ToPowerShell(response.Data);
        WriteObject(response);
    }

    private string ResolvePath(string path) => GetUnresolvedProviderPathFromPSPath(path);
}
