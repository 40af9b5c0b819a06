using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// The type names users write in scripts (<c>-is [Evolink.Chat.ChatResponse]</c>,
/// <c>catch [Evolink.Errors.EvolinkException]</c>, Select-Object on a view's
/// type, help's OUTPUTS), chosen for 0.1.0 and pinned here: a later move of
/// a type to another namespace fails this test instead of breaking scripts.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class PublicNamesTests : ModuleTest
{
    public PublicNamesTests(ModuleEnvironment env) : base(env) { }

    [Fact]
    public void The_types_the_commands_output_keep_their_names()
    {
        var names = Run("""
            (Get-Command -Module Evolink).OutputType.Type | Where-Object { $_ } | ForEach-Object FullName | Sort-Object -Unique
            """).Succeeded().Values.Cast<string>().ToArray();

        Assert.Equal(new[]
        {
            "Evolink.Account.CreditBalance",
            "Evolink.Account.ModelInfo",
            "Evolink.Chat.ChatChunk",
            "Evolink.Chat.ChatMessage",
            "Evolink.Chat.ChatResponse",
            "Evolink.Chat.Conversation",
            "Evolink.Chat.UsageTotal",
            "Evolink.Commands.ClearedHistory",
            "Evolink.Commands.GenerationJob",
            "Evolink.Commands.McpToolEntry",
            "Evolink.Commands.PowerShellTool",
            "Evolink.Configuration.EvolinkConfiguration",
            "Evolink.Connection.ConnectionStep",
            "Evolink.Generation.GenerationTask",
            "Evolink.Generation.ResultFile",
            "Evolink.History.HistoryEntry",
            "Evolink.Mcp.McpServer",
            "Evolink.Uploads.FileQuota",
            "Evolink.Uploads.UploadedFile",
            "System.Boolean",
            "System.IO.FileInfo",
            "System.Management.Automation.PSObject",
            "System.String",
            "System.Void",
        }, names);
    }

    [Fact]
    public void The_types_scripts_take_in_catch_and_name_in_views_keep_their_names()
    {
        var names = Run("""
            [Evolink.Errors.EvolinkException].FullName
            [Evolink.Errors.EvolinkApiException].FullName
            [Evolink.Errors.EvolinkErrorKind].FullName
            [Evolink.Chat.IConversation].FullName
            [Evolink.Commands.BatchSummary].FullName
            (Get-FormatData -TypeName 'Evolink.*' -PowerShellVersion $PSVersionTable.PSVersion).TypeNames | Sort-Object -Unique
            """).Succeeded().Values.Cast<string>().ToArray();

        Assert.Equal(new[]
        {
            "Evolink.Errors.EvolinkException",
            "Evolink.Errors.EvolinkApiException",
            "Evolink.Errors.EvolinkErrorKind",
            "Evolink.Chat.IConversation",
            "Evolink.Commands.BatchSummary",
            "Evolink.Account.CreditBalance",
            "Evolink.Account.ModelInfo",
            "Evolink.Chat.ChatChunk",
            "Evolink.Chat.ChatMessage",
            "Evolink.Chat.ChatResponse",
            "Evolink.Chat.UsageTotal",
            "Evolink.Commands.McpToolEntry",
            "Evolink.Configuration.EvolinkConfiguration",
            "Evolink.Connection.ConnectionStep",
            "Evolink.Generation.GenerationTask",
            "Evolink.Generation.ResultFile",
            "Evolink.History.HistoryEntry",
            "Evolink.Mcp.McpServer",
            "Evolink.Uploads.UploadedFile",
        }, names);
    }
}
