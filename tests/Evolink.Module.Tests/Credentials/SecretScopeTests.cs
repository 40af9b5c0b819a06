using Xunit;

namespace Evolink.Module.Tests;

/// <summary>SecretManagement is called in a scope of its own: the caller's variables stay as they were and the key is left in none.</summary>
[Collection(ModuleCollection.Name)]
public sealed class SecretScopeTests : ModuleTest
{
    public SecretScopeTests(ModuleEnvironment env) : base(env) { }

    [Fact]
    public void Storing_reading_and_removing_the_key_leave_the_caller_s_variables_alone()
    {
        var run = Run($$"""
            $p = 'mine'; $Name = 'my name'; $Vault = 'my vault'
            Set-EvolinkApiKey -ApiKey (ConvertTo-SecureString {{Quote(Env.Key)}} -AsPlainText -Force) -Vault Work
            $env:EVOLINK_API_KEY = $null
            $null = Invoke-EvolinkChat 'from the vault'
            Remove-EvolinkApiKey -Vault Work -Confirm:$false
            $p; $Name; $Vault
            [bool](Get-Variable -Name Secret -ErrorAction SilentlyContinue)
            [bool]$Secret
            """.Replace("Get-Variable -Name Secret -ErrorAction SilentlyContinue", "$ExecutionContext.SessionState.PSVariable.Get('Secret')")).Succeeded();
        Assert.Equal(new object[] { "mine", "my name", "my vault", false, false }, run.Values);
        Assert.Single(ChatRequests);
    }
}
