using System;
using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// The commands as PowerShell binds them: names and verbs from Get-Command,
/// and every range and set proven by binding a value just inside and just
/// outside it (with -WhatIf, so nothing is sent).
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class CommandSurfaceTests : ModuleTest
{
    public CommandSurfaceTests(ModuleEnvironment env) : base(env) { }

    [Fact]
    public void Every_cmdlet_has_an_approved_verb_an_Evolink_noun_an_output_type_and_a_sealed_class_named_after_it()
    {
        var problems = Run("""
            $approved = (Get-Verb).Verb
            foreach ($c in Get-Command -Module Evolink) {
                if ($c.Verb -notin $approved) { "$($c.Name): verb" }
                if (-not $c.Noun.StartsWith('Evolink')) { "$($c.Name): noun" }
                if (-not $c.OutputType) { "$($c.Name): no OutputType" }
                if (-not $c.ImplementingType.IsSealed) { "$($c.Name): not sealed" }
                if ($c.ImplementingType.Name -ne ($c.Name -replace '-', '') + 'Command') { "$($c.Name): class $($c.ImplementingType.Name)" }
                foreach ($p in $c.Parameters.Values) { if ($p.ParameterType -eq [bool]) { "$($c.Name): -$($p.Name) is a bool, not a switch" } }
            }
            """).Succeeded().Values;

        Assert.Empty(problems);
        Assert.Equal(29, Convert.ToInt32(Shell.Value("@(Get-Command -Module Evolink).Count")));
    }

    [Fact]
    public void Invoke_EvolinkChat_takes_a_prompt_by_position_or_pipeline_and_messages_and_conversations_in_sets_of_their_own()
    {
        var sets = Run("""
            $c = Get-Command Invoke-EvolinkChat
            $c.DefaultParameterSet
            foreach ($s in $c.Parameters['Prompt'].ParameterSets.GetEnumerator() | Sort-Object Key) {
                '{0}: mandatory {1}, position {2}, pipeline {3}' -f $s.Key, $s.Value.IsMandatory, $s.Value.Position, $s.Value.ValueFromPipeline
            }
            $c.Parameters['Message'].ParameterType.FullName
            $c.Parameters['Conversation'].ParameterType.FullName
            ($c.OutputType.Name | Sort-Object) -join ','
            """).Succeeded().Values.Cast<string>().ToList();

        Assert.Equal(new[]
        {
            "Prompt",
            "Conversation: mandatory True, position 0, pipeline False",
            "Message: mandatory False, position 0, pipeline False",
            "Prompt: mandatory True, position 0, pipeline True",
            "Evolink.Chat.ChatMessage[]",
            "Evolink.Chat.IConversation",
            "Evolink.Chat.ChatChunk,Evolink.Chat.ChatResponse,System.String",
        }, sets);
    }

    [Theory]
    [InlineData("Temperature", "0", "2", "-0.01", "2.01")]
    [InlineData("TopP", "0", "1", "-0.01", "1.01")]
    [InlineData("TopK", "1", "2147483647", "0", null)]
    [InlineData("MaxTokens", "1", "2147483647", "0", null)]
    [InlineData("MaxCompletionTokens", "1", "65536", "0", "65537")]
    [InlineData("FrequencyPenalty", "-2", "2", "-2.01", "2.01")]
    [InlineData("PresencePenalty", "-2", "2", "-2.01", "2.01")]
    [InlineData("Count", "1", "128", "0", "129")]
    [InlineData("TopLogprobs", "0", "20", "-1", "21")]
    [InlineData("ThrottleLimit", "1", "128", "0", "129")]
    // Timeouts stop below what a .NET timer can wait (about 2,147,483 s).
    [InlineData("ConnectionTimeoutSeconds", "0", "2000000", "-1", "2000001")]
    [InlineData("OperationTimeoutSeconds", "0", "2000000", "-1", "2000001")]
    [InlineData("TimeoutSec", "0", "2000000", "-1", "2000001")]
    [InlineData("MaximumReplySizeMB", "1", "4096", "0", "4097")]
    [InlineData("MaximumRetryCount", "0", "10", "-1", "11")]
    [InlineData("RetryIntervalSec", "0", "600", "-0.5", "600.5")]
    public void A_value_at_either_end_of_a_range_binds_and_one_just_outside_is_refused_before_anything_is_sent(string name, string min, string max, string below, string? above)
    {
        foreach (var value in new[] { min, max })
            Run($"Invoke-EvolinkChat 'x' -{name} {value} -WhatIf").Succeeded();
        foreach (var value in new[] { below, above }.OfType<string>())
        {
            var run = Run($"Invoke-EvolinkChat 'x' -{name} {value} -WhatIf");
            Assert.StartsWith("ParameterArgumentValidationError", Assert.Single(run.AllErrors).FullyQualifiedErrorId);
        }
        Assert.Empty(ChatRequests);
    }

    [Fact]
    public void Model_and_reasoning_effort_take_any_value_while_formats_details_and_roles_take_only_their_own()
    {
        Run("Invoke-EvolinkChat 'x' -Model model-released-today -Reasoning ultra -WhatIf").Succeeded();

        foreach (var (command, allowed) in new[]
        {
            ("Invoke-EvolinkChat 'x' -ResponseFormat Xml -WhatIf", "Text,JsonObject"),
            ("Invoke-EvolinkChat 'x' -Image a.png -ImageDetail huge -WhatIf", "auto,low,high"),
            ("New-EvolinkMessage 'x' -Role wizard", "system,user,assistant,tool"),
        })
        {
            var error = Assert.Single(Run(command).AllErrors);
            Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
            Assert.Contains(allowed.Replace(",", ","), error.Exception.Message.Replace("\"", "").Replace(" ", ""));
        }
    }

    [Fact]
    public void The_cmdlet_assembly_touches_neither_json_nor_async_streams_nor_http_so_it_loads_the_same_on_both_editions()
    {
        var references = Run("([Evolink.Commands.InvokeEvolinkChatCommand].Assembly.GetReferencedAssemblies().Name | Sort-Object) -join ','").Succeeded().Text();

        Assert.Equal("Evolink.Core,netstandard,System.Management.Automation", references);
    }
}
