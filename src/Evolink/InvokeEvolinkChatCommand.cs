using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Sends a chat to the Evolink gateway and returns the reply.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "EvolinkChat", DefaultParameterSetName = PromptSet)]
[OutputType(typeof(ChatResponse))]
[OutputType(typeof(ChatChunk))]
public sealed class InvokeEvolinkChatCommand : EvolinkCmdlet
{
    private const string PromptSet = "Prompt";
    private const string MessageSet = "Message";

    private readonly List<ChatMessage> _messages = new();
    private EvolinkClient? _client;

    /// <summary>The question; each string from the pipeline is its own request.</summary>
    [Parameter(ParameterSetName = PromptSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = MessageSet, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Prompt { get; set; }

    /// <summary>Messages from New-EvolinkMessage; piped messages make one conversation.</summary>
    [Parameter(ParameterSetName = MessageSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public ChatMessage[]? Message { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Model { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SystemPrompt { get; set; }

    /// <summary>Show the reply on the host as it arrives; the whole response still goes to the pipeline.</summary>
    [Parameter]
    public SwitchParameter Stream { get; set; }

    /// <summary>Output each streamed chunk the moment it arrives, instead of one response at the end.</summary>
    [Parameter]
    public SwitchParameter AsChunk { get; set; }

    [Parameter]
    public SecureString? ApiKey { get; set; }

    [Parameter]
    public Uri? BaseUri { get; set; }

    [Parameter]
    public SwitchParameter AllowUnencryptedAuthentication { get; set; }

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
        if (ParameterSetName == MessageSet)
        {
            _messages.AddRange(Message!);
            return;
        }
        Send(ChatRequests.ForPrompt(Model, SystemPrompt, Array.Empty<ChatMessage>(), Prompt!), Prompt);
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == MessageSet)
            Send(ChatRequests.ForPrompt(Model, SystemPrompt, _messages, Prompt), _messages.ToArray());
    }

    private void Send(ChatRequest request, object? input)
    {
        try
        {
            if (Stream || AsChunk)
                SendStreaming(request);
            else
                WriteObject(Await(token => _client!.CompleteAsync(request, token)));
        }
        catch (EvolinkException ex)
        {
            WriteEvolinkError(ex, input);
        }
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
            WriteObject(stream.Response);
    }
}
