using System.Management.Automation;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Builds a chat message for Invoke-EvolinkChat.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "EvolinkMessage")]
[OutputType(typeof(ChatMessage))]
public sealed class NewEvolinkMessageCommand : PSCmdlet
{
    /// <summary>The text of the message; each piped string becomes one message.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowEmptyString]
    public string? Content { get; set; }

    [Parameter(Position = 1)]
    [ValidateSet("system", "user", "assistant", "tool")]
    public string Role { get; set; } = ChatRole.User;

    /// <summary>On a tool message: the id of the call it answers.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ToolCallId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    protected override void ProcessRecord() =>
        WriteObject(new ChatMessage
        {
            Role = Role.ToLowerInvariant(),
            Content = Content ?? string.Empty,
            ToolCallId = ToolCallId,
            Name = Name,
        });
}
