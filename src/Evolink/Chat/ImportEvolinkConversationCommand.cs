using System.Management.Automation;
using Evolink.Chat;
using Evolink.Chat.Input;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Loads a conversation saved by Export-EvolinkConversation, ready to continue.</para>
/// </summary>
[Cmdlet(VerbsData.Import, "EvolinkConversation")]
[OutputType(typeof(Conversation))]
public sealed class ImportEvolinkConversationCommand : EvolinkCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    protected override void ProcessRecord()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            WriteObject(ConversationFile.Load(path));
        }
        catch (EvolinkException ex)
        {
            WriteEvolinkError(ex, path);
        }
    }
}
