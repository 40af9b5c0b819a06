using System.IO;
using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>-WhatIf sends nothing and changes nothing; -Confirm asks one question per action.</summary>
[Collection(ModuleCollection.Name)]
public sealed class WhatIfAndConfirmTests : ModuleTest
{
    public WhatIfAndConfirmTests(ModuleEnvironment env) : base(env) { }

    [Fact]
    public void Invoke_EvolinkChat_WhatIf_sends_no_request_and_says_what_it_would_send()
    {
        var run = Run("Invoke-EvolinkChat 'Summarise the quarter' -Model gpt-5.2 -WhatIf").Succeeded();
        Assert.Empty(run.Output);
        Assert.Empty(ChatRequests);
        Assert.Contains("What if:", run.Screen);
        Assert.Contains("gpt-5.2", run.Screen);
        Assert.Contains("Summarise the quarter", run.Screen);
    }

    [Fact]
    public void WhatIfPreference_stops_every_piped_prompt_from_being_sent()
    {
        var run = Run("$WhatIfPreference = $true; 'one', 'two', 'three' | Invoke-EvolinkChat -ThrottleLimit 4").Succeeded();
        Assert.Empty(run.Output);
        Assert.Empty(ChatRequests);
        Assert.Equal(3, run.Screen.Split('\n').Count(line => line.StartsWith("What if:")));
    }

    [Fact]
    public void A_chat_is_not_confirmed_by_default_but_Confirm_asks_once_per_input_and_No_sends_nothing()
    {
        Run("Invoke-EvolinkChat 'no question asked'").Succeeded();
        Assert.Single(ChatRequests);
        Shell.UI.Answer("Y", "N");
        var run = Run("'first', 'second' | Invoke-EvolinkChat -Confirm").Succeeded();
        Assert.Equal(2, run.Prompts.Count);
        Assert.Equal(new[] { "first" }, run.Output.Select(o => o.Properties["Text"].Value));
        Assert.Equal(2, ChatRequests.Length);
    }

    [Fact]
    public void Each_tool_call_is_asked_about_once_with_Confirm()
    {
        Shell.UI.Answer("Y", "Y");
        var run = Run("""
            $tool = New-EvolinkTool (Get-Command Get-Uptime)
            Invoke-EvolinkChat '{}' -Model fake-tool-caller -Tools $tool -Confirm
            """).Succeeded();
        // One question for the chat request, one for the one tool call.
        Assert.Single(run.Prompts, p => !(p.Caption + p.Message).Contains("Get-Uptime"));
        Assert.Single(run.Prompts, p => (p.Caption + p.Message).Contains("Get-Uptime"));
        Assert.StartsWith("Results: ", (string)run.Output.Single().Properties["Text"].Value);
    }

    [Fact]
    public void A_tool_call_without_Force_is_asked_about_once_and_a_no_is_sent_back_to_the_model()
    {
        Shell.UI.Answer("N");
        var run = Run("""
            $tool = New-EvolinkTool (Get-Command Get-Uptime)
            (Invoke-EvolinkChat '{}' -Model fake-tool-caller -Tools $tool).Text
            """).Succeeded();
        Assert.Single(run.Prompts);
        Assert.Contains("declined", run.Text());
    }

    [Fact]
    public void Set_EvolinkConfiguration_WhatIf_changes_neither_the_session_nor_the_file()
    {
        Run("Set-EvolinkConfiguration -DefaultModel kimi-k2 -Scope Session -WhatIf").Succeeded();
        Run("Set-EvolinkConfiguration -DefaultModel kimi-k2 -WhatIf").Succeeded();
        Assert.False(File.Exists(Env.ConfigurationPath));
        Run("Invoke-EvolinkChat 'which model?'").Succeeded();
        Assert.Equal("gemini-2.5-flash", (string?)ChatRequests.Single()["model"]);
    }

    [Fact]
    public void Export_EvolinkConversation_WhatIf_writes_no_file()
    {
        var run = Run("Invoke-EvolinkChat 'keep me' | Export-EvolinkConversation ./chat.json -WhatIf").Succeeded();
        Assert.Contains("What if:", run.Screen);
        Assert.False(File.Exists(Path.Combine(Env.WorkFolder, "chat.json")));
    }

    [Fact]
    public void Set_and_Remove_EvolinkApiKey_WhatIf_touch_no_vault_and_no_file()
    {
        var run = Run("""
            $k = ConvertTo-SecureString 'sk-whatif-0123456789' -AsPlainText -Force
            Set-EvolinkApiKey -ApiKey $k -WhatIf
            Remove-EvolinkApiKey -WhatIf
            @($global:SecretCalls | Where-Object { $_ -like 'Set-Secret*' -or $_ -like 'Remove-Secret*' }).Count
            """).Succeeded();
        Assert.Equal(2, run.Screen.Split('\n').Count(line => line.StartsWith("What if:")));
        Assert.Equal(0, System.Convert.ToInt32(run.Single()));
        Assert.False(File.Exists(Env.ConfigurationPath));
    }

    [Fact]
    public void Confirm_answered_No_saves_no_conversation_no_configuration_and_no_key()
    {
        Shell.UI.Answer("N", "N", "N", "N");
        var run = Run($$"""
            $r = Invoke-EvolinkChat 'keep me'
            $r | Export-EvolinkConversation ./chat.json -Confirm
            Set-EvolinkConfiguration -DefaultModel kimi-k2 -Confirm
            Set-EvolinkConfiguration -DefaultModel kimi-k2 -Scope Session -Confirm
            Set-EvolinkApiKey -ApiKey (ConvertTo-SecureString {{Quote(Env.Key)}} -AsPlainText -Force) -Vault Work -Confirm
            @($global:SecretCalls | Where-Object { $_ -like 'Set-Secret*' }).Count
            (Get-EvolinkConfiguration -Scope Session).DefaultModel
            """).Succeeded();
        Assert.Equal(4, run.Prompts.Count);
        Assert.Equal(new object?[] { 0, null }, run.Values);
        Assert.False(File.Exists(Path.Combine(Env.WorkFolder, "chat.json")));
        Assert.False(File.Exists(Env.ConfigurationPath));
    }

    [Fact]
    public void Remove_EvolinkApiKey_asks_by_default_and_No_keeps_the_secret()
    {
        Shell.UI.Answer("N");
        var run = Run($$"""
            Microsoft.PowerShell.SecretManagement\Set-Secret -Name Evolink -Vault Work -SecureStringSecret (ConvertTo-SecureString {{Quote(Env.Key)}} -AsPlainText -Force)
            Remove-EvolinkApiKey -Vault Work
            [bool](Microsoft.PowerShell.SecretManagement\Get-SecretInfo -Name Evolink -Vault Work)
            """).Succeeded();
        Assert.Single(run.Prompts);
        Assert.Equal(true, run.Single());
        Shell.UI.Answer("Y");
        Run("Remove-EvolinkApiKey -Vault Work").Succeeded();
        Assert.Equal(false, Shell.Value("[bool](Microsoft.PowerShell.SecretManagement\\Get-SecretInfo -Name Evolink -Vault Work)"));
    }

    [Fact]
    public void ConfirmPreference_Low_asks_once_for_the_chat_and_once_for_each_tool_call_even_with_Force()
    {
        Shell.UI.Answer("Y", "Y");
        var run = Run("""
            $ConfirmPreference = 'Low'
            (Invoke-EvolinkChat '{}' -Model fake-tool-caller -Tools (New-EvolinkTool (Get-Command Get-Uptime)) -Force).Text
            """).Succeeded();
        Assert.Single(run.Prompts, p => !(p.Caption + p.Message).Contains("Get-Uptime"));
        Assert.Single(run.Prompts, p => (p.Caption + p.Message).Contains("Get-Uptime"));
        Assert.StartsWith("Results: ", run.Text());
    }
}
