using System;
using System.Collections.Generic;
using System.Linq;
using Evolink.Commands;
using Xunit;

namespace Evolink.Tests.Module;

public sealed class CmdletMetadataTests : IDisposable
{
    private readonly ModuleMetadata _module = new();

    public void Dispose() => _module.Dispose();

    [Fact]
    public void Every_cmdlet_uses_an_approved_verb_and_is_a_sealed_verb_noun_command_class()
    {
        var approved = _module.ApprovedVerbs;
        Assert.Contains("Invoke", approved);
        Assert.NotEmpty(_module.CmdletTypes);
        foreach (var type in _module.CmdletTypes)
        {
            var name = ModuleMetadata.CmdletName(type);
            Assert.Contains(name.Split('-')[0], approved);
            Assert.StartsWith("Evolink", name.Split('-')[1]);
            Assert.True(type.IsSealed, $"{type.Name} should be sealed");
            Assert.Equal(name.Replace("-", "") + "Command", type.Name);
        }
    }

    [Fact]
    public void Every_cmdlet_declares_what_it_outputs()
    {
        foreach (var type in _module.CmdletTypes)
            Assert.Contains(type.GetCustomAttributesData(), a => a.AttributeType.Name == "OutputTypeAttribute");
    }

    [Fact]
    public void No_parameter_is_a_bool_switches_are_SwitchParameter()
    {
        foreach (var type in _module.CmdletTypes)
        foreach (var parameter in ModuleMetadata.Parameters(type))
            Assert.NotEqual(typeof(bool).FullName, parameter.PropertyType.FullName);
    }

    [Fact]
    public void Invoke_EvolinkChat_takes_a_prompt_by_position_or_pipeline_and_messages_in_their_own_set()
    {
        var type = _module.CmdletType("Invoke-EvolinkChat");
        Assert.Equal("Prompt", ModuleMetadata.Named<string>(ModuleMetadata.Cmdlet(type)!, "DefaultParameterSetName"));

        var prompt = ModuleMetadata.ParameterAttributes(type.GetProperty("Prompt")!).ToDictionary(a => ModuleMetadata.Named<string>(a, "ParameterSetName")!);
        Assert.Equal(new[] { "Conversation", "Message", "Prompt" }, prompt.Keys.OrderBy(k => k));
        Assert.True(ModuleMetadata.Named<bool>(prompt["Conversation"], "Mandatory"));
        Assert.False(ModuleMetadata.Named<bool>(prompt["Conversation"], "ValueFromPipeline"));
        Assert.True(ModuleMetadata.Named<bool>(prompt["Prompt"], "Mandatory"));
        Assert.True(ModuleMetadata.Named<bool>(prompt["Prompt"], "ValueFromPipeline"));
        Assert.Equal(0, ModuleMetadata.Named<int>(prompt["Prompt"], "Position"));
        Assert.False(ModuleMetadata.Named<bool>(prompt["Message"], "Mandatory"));
        Assert.False(ModuleMetadata.Named<bool>(prompt["Message"], "ValueFromPipeline"));

        var message = Assert.Single(ModuleMetadata.ParameterAttributes(type.GetProperty("Message")!));
        Assert.Equal("Message", ModuleMetadata.Named<string>(message, "ParameterSetName"));
        Assert.True(ModuleMetadata.Named<bool>(message, "ValueFromPipeline"));
        Assert.Equal("Evolink.Chat.ChatMessage[]", type.GetProperty("Message")!.PropertyType.FullName);

        Assert.Equal("System.Security.SecureString", type.GetProperty("ApiKey")!.PropertyType.FullName);
        Assert.Equal("System.Uri", type.GetProperty("BaseUri")!.PropertyType.FullName);
        Assert.Equal("System.Management.Automation.SwitchParameter", type.GetProperty("AllowUnencryptedAuthentication")!.PropertyType.FullName);
        Assert.Equal(new[] { "Evolink.Chat.ChatResponse", "Evolink.Streaming.ChatChunk", "System.String" }, OutputTypes(type).OrderBy(t => t));
        var conversation = Assert.Single(ModuleMetadata.ParameterAttributes(type.GetProperty("Conversation")!));
        Assert.True(ModuleMetadata.Named<bool>(conversation, "ValueFromPipeline"));
        Assert.Equal("Evolink.Chat.IConversation", type.GetProperty("Conversation")!.PropertyType.FullName);
        foreach (var name in new[] { "Stream", "AsChunk" })
            Assert.Equal("System.Management.Automation.SwitchParameter", type.GetProperty(name)!.PropertyType.FullName);
    }

    [Fact]
    public void The_cmdlet_assembly_touches_neither_json_nor_async_stream_types_so_it_loads_the_same_on_both_editions()
    {
        var references = _module.Assembly.GetReferencedAssemblies().Select(r => r.Name).ToList();

        Assert.Contains("Evolink.Core", references);
        Assert.DoesNotContain("System.Text.Json", references);
        Assert.DoesNotContain("Microsoft.Bcl.AsyncInterfaces", references);
        Assert.DoesNotContain("System.Net.Http", references);
    }

    [Theory]
    [InlineData("Temperature", 0.0, 2.0)]
    [InlineData("TopP", 0.0, 1.0)]
    [InlineData("TopK", 1, int.MaxValue)]
    [InlineData("MaxTokens", 1, int.MaxValue)]
    [InlineData("MaxCompletionTokens", 1, 65536)]
    [InlineData("FrequencyPenalty", -2.0, 2.0)]
    [InlineData("PresencePenalty", -2.0, 2.0)]
    [InlineData("Count", 1, 128)]
    [InlineData("TopLogprobs", 0, 20)]
    public void Numeric_request_parameters_carry_the_APIs_ranges_so_bad_values_fail_before_any_call(string name, object min, object max)
    {
        var property = AssertRange("Invoke-EvolinkChat", name, min, max);

        Assert.StartsWith("System.Nullable", property.PropertyType.FullName);
    }

    [Theory]
    [InlineData("ThrottleLimit", 1, 128)]
    // Timeouts stop below what a .NET timer can wait (about 2,147,483 s); above it a value the range allowed used to throw at run time.
    [InlineData("ConnectionTimeoutSeconds", 0, 2_000_000)]
    [InlineData("OperationTimeoutSeconds", 0, 2_000_000)]
    [InlineData("TimeoutSec", 0, 2_000_000)]
    [InlineData("MaximumReplySizeMB", 1, 4096)]
    [InlineData("MaximumRetryCount", 0, 10)]
    [InlineData("RetryIntervalSec", 0.0, 600.0)]
    public void Connection_and_concurrency_parameters_use_Invoke_RestMethods_names_and_sane_ranges(string name, object min, object max)
    {
        AssertRange("Invoke-EvolinkChat", name, min, max);

        Assert.Equal("System.Management.Automation.SwitchParameter", _module.CmdletType("Invoke-EvolinkChat").GetProperty("Unordered")!.PropertyType.FullName);
    }

    [Fact]
    public void Model_and_reasoning_effort_accept_any_value_with_completion_as_a_hint_only()
    {
        var type = _module.CmdletType("Invoke-EvolinkChat");

        foreach (var name in new[] { "Model", "ReasoningEffort" })
            Assert.DoesNotContain(type.GetProperty(name)!.GetCustomAttributesData(), a => a.AttributeType.Name == "ValidateSetAttribute");
        var completer = type.GetProperty("ReasoningEffort")!.GetCustomAttributesData().Single(a => a.AttributeType.Name == "ArgumentCompleterAttribute");
        Assert.Equal("Evolink.Commands.ReasoningEffortCompleter", ((Type)completer.ConstructorArguments[0].Value!).FullName);
        Assert.Equal(new[] { "JsonObject", "Text" }, SetValues(type.GetProperty("ResponseFormat")!).OrderBy(v => v));
        Assert.Equal(new[] { "auto", "high", "low" }, SetValues(type.GetProperty("ImageDetail")!).OrderBy(v => v));
    }

    [Fact]
    public void Conversations_are_exported_and_imported_by_path()
    {
        var export = _module.CmdletType("Export-EvolinkConversation");
        var import = _module.CmdletType("Import-EvolinkConversation");

        Assert.Equal("Evolink.Chat.IConversation", export.GetProperty("InputObject")!.PropertyType.FullName);
        Assert.True(ModuleMetadata.Named<bool>(ModuleMetadata.Cmdlet(export)!, "SupportsShouldProcess"));
        Assert.Equal("Evolink.Chat.Conversation", OutputType(import));
        Assert.True(ModuleMetadata.Named<bool>(Assert.Single(ModuleMetadata.ParameterAttributes(import.GetProperty("Path")!)), "ValueFromPipelineByPropertyName"));
    }

    [Fact]
    public void Tools_are_made_from_a_command_a_script_block_or_a_schema_and_their_calls_go_through_ShouldProcess()
    {
        var tool = _module.CmdletType("New-EvolinkTool");
        var chat = _module.CmdletType("Invoke-EvolinkChat");

        Assert.Equal("Command", ModuleMetadata.Named<string>(ModuleMetadata.Cmdlet(tool)!, "DefaultParameterSetName"));
        var command = Assert.Single(ModuleMetadata.ParameterAttributes(tool.GetProperty("Command")!));
        Assert.True(ModuleMetadata.Named<bool>(command, "ValueFromPipeline"));
        var name = ModuleMetadata.ParameterAttributes(tool.GetProperty("Name")!).ToDictionary(a => ModuleMetadata.Named<string>(a, "ParameterSetName")!, a => ModuleMetadata.Named<bool>(a, "Mandatory"));
        Assert.Equal(new Dictionary<string, bool> { ["Command"] = false, ["ScriptBlock"] = true, ["Definition"] = true }, name);
        Assert.Equal("Evolink.Commands.PowerShellTool", OutputType(tool));
        Assert.True(ModuleMetadata.Named<bool>(ModuleMetadata.Cmdlet(chat)!, "SupportsShouldProcess"));
        Assert.Equal("System.Management.Automation.SwitchParameter", chat.GetProperty("Force")!.PropertyType.FullName);
        Assert.Contains(chat.GetProperty("Tools")!.GetCustomAttributesData(), a => a.AttributeType.Name == "AliasAttribute");
    }

    /// <summary>The parameter's ValidateRange has exactly these bounds.</summary>
    private System.Reflection.PropertyInfo AssertRange(string cmdlet, string name, object min, object max)
    {
        var property = _module.CmdletType(cmdlet).GetProperty(name)!;
        var range = property.GetCustomAttributesData().Single(a => a.AttributeType.Name == "ValidateRangeAttribute");
        Assert.Equal(Convert.ToDouble(min), Convert.ToDouble(range.ConstructorArguments[0].Value));
        Assert.Equal(Convert.ToDouble(max), Convert.ToDouble(range.ConstructorArguments[1].Value));
        return property;
    }

    private static IEnumerable<string> SetValues(System.Reflection.PropertyInfo property) =>
        ((IEnumerable<System.Reflection.CustomAttributeTypedArgument>)property.GetCustomAttributesData()
            .Single(a => a.AttributeType.Name == "ValidateSetAttribute").ConstructorArguments[0].Value!).Select(v => (string)v.Value!);

    [Fact]
    public void New_EvolinkMessage_validates_the_role_and_outputs_a_message()
    {
        var type = _module.CmdletType("New-EvolinkMessage");
        var roleSet = type.GetProperty("Role")!.GetCustomAttributesData().Single(a => a.AttributeType.Name == "ValidateSetAttribute");
        var roles = ((System.Collections.Generic.IEnumerable<System.Reflection.CustomAttributeTypedArgument>)roleSet.ConstructorArguments[0].Value!).Select(v => (string)v.Value!);

        Assert.Equal(ChatRole.All, roles);
        var content = Assert.Single(ModuleMetadata.ParameterAttributes(type.GetProperty("Content")!));
        Assert.True(ModuleMetadata.Named<bool>(content, "ValueFromPipeline"));
        Assert.Equal(0, ModuleMetadata.Named<int>(content, "Position"));
        Assert.Equal("Evolink.Chat.ChatMessage", OutputType(type));
    }

    [Fact]
    public void Every_error_category_the_engine_names_exists_in_PowerShell()
    {
        var categories = _module.Automation.GetType("System.Management.Automation.ErrorCategory")!.GetFields()
            .Where(f => f.IsLiteral).Select(f => f.Name).ToHashSet();

        foreach (var kind in ErrorMapping.Kinds)
            Assert.Contains(ErrorMapping.Category(kind).ToString(), categories);
        Assert.Equal(Enum.GetValues(typeof(EvolinkErrorKind)).Length, ErrorMapping.Kinds.Count());
    }

    private static string OutputType(Type type) => OutputTypes(type).Single();

    private static IEnumerable<string> OutputTypes(Type type) =>
        type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute")
            .SelectMany(a => (IEnumerable<System.Reflection.CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!)
            .Select(t => ((Type)t.Value!).FullName!);
}
