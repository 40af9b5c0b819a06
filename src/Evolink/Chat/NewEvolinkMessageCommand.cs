using System.Linq;
using System.Management.Automation;
using Evolink.Chat;
using Evolink.Chat.Input;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Builds a chat message (text, images, tool calls or a tool result) for Invoke-EvolinkChat.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "EvolinkMessage")]
[OutputType(typeof(ChatMessage))]
public sealed class NewEvolinkMessageCommand : EvolinkCmdlet
{
    /// <summary>The text of the message; each piped string becomes one message.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [AllowEmptyString]
    public string? Content { get; set; }

    [Parameter(Position = 1)]
    [ValidateSet("system", "user", "assistant", "tool")]
    public string Role { get; set; } = ChatRole.User;

    /// <summary>Image files (sent as data: URIs) or https URLs, placed after the text in this order.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Image { get; set; }

    [Parameter]
    [ValidateSet("auto", "low", "high")]
    public string? ImageDetail { get; set; }

    /// <summary>On a tool message: the id of the call it answers.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ToolCallId { get; set; }

    /// <summary>On an assistant message: the calls it made, e.g. @{ id = 'call_1'; name = 'Get-Date'; arguments = @{} }.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public object[]? ToolCall { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(MessageBuilder.Build(Role, Content, Image, ImageDetail, ToolCallId, Name,
                ToolCall?.Select(call => PowerShellData.Unwrap(call)!), GetUnresolvedProviderPathFromPSPath));
        }
        catch (EvolinkException ex)
        {
            WriteEvolinkError(ex, Content);
        }
    }
}
