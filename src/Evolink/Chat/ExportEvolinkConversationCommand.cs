using System.IO;
using System.Management.Automation;
using Evolink.Chat;
using Evolink.Chat.Input;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Saves a conversation (or a response's conversation) to a readable JSON file.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "EvolinkConversation", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportEvolinkConversationCommand : EvolinkCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>A response from Invoke-EvolinkChat or a conversation from Import-EvolinkConversation.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public IConversation? InputObject { get; set; }

    /// <summary>Refuse to replace an existing file.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        if (NoClobber && File.Exists(path))
        {
            WriteEvolinkError(new EvolinkException(EvolinkErrorKind.FileExists, $"The file '{path}' exists and -NoClobber was given. Choose another path or leave out -NoClobber."), path);
            return;
        }
        if (!ShouldProcess(path, "Save conversation"))
            return;
        ConversationFile.Save(InputObject!, path);
        // The file as Get-Item gives it: with the provider's properties, so it shows as files do (Directory, Mode, Length).
        if (PassThru)
            WriteObject(InvokeProvider.Item.Get(WildcardPattern.Escape(path)), enumerateCollection: true);
    }
}
