using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// The engine says what happened in its own terms; the module says what to
/// change in PowerShell's. Each failure a setting, parameter or command can
/// fix, met as a user meets it, names that parameter or command.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class AdviceTests : ModuleTest
{
    public AdviceTests(ModuleEnvironment env) : base(env) { }

    private const string NoRetry = "-MaximumRetryCount 0";
    private const string WrongKey = "-ApiKey (ConvertTo-SecureString 'sk-wrong-key-000000' -AsPlainText -Force)";

    public static IEnumerable<object[]> Failures => new[]
    {
        Row($"Invoke-EvolinkChat 'x' -Model fake-stall-headers -ConnectionTimeoutSeconds 1 {NoRetry}", "raise -ConnectionTimeoutSeconds"),
        Row($"Invoke-EvolinkChat 'x' -Model fake-stream-stall -Stream -OperationTimeoutSeconds 1 {NoRetry}", "raise -OperationTimeoutSeconds"),
        Row($"Invoke-EvolinkChat 'x' -Model fake-delay-4000 -TimeoutSec 1 {NoRetry}", "(-TimeoutSec)"),
        Row("Invoke-EvolinkChat 'x' -Model hostile-huge-body -MaximumReplySizeMB 1", "(-MaximumReplySizeMB)"),
        Row("Invoke-EvolinkChat 'x' -Model fake-tools -Tools (New-EvolinkTool (Get-Command Get-Date)) -Force -MaximumToolRounds 1", "Raise -MaximumToolRounds"),
        Row("Invoke-EvolinkChat 'x' -BaseUri http://gateway.example.invalid", "-AllowUnencryptedAuthentication"),
        Row("$env:EVOLINK_API_KEY = $null; Invoke-EvolinkChat 'x'", "-ApiKey (Read-Host -AsSecureString 'Evolink key')"),
        Row("Invoke-EvolinkChat 'x' -SecretName NotStored -Vault Work", "Store it with Set-EvolinkApiKey"),
        Row($"Invoke-EvolinkChat 'x' {WrongKey}", "(-ApiKey, a vault, or EVOLINK_API_KEY)"),
        Row("Invoke-EvolinkChat 'x' -Model fake-status-404", "Get-EvolinkModel"),
        Row("Set-Content bad.json '{ not json'; Import-EvolinkConversation ./bad.json", "Export-EvolinkConversation"),
        Row("New-EvolinkMessage 'the answer' -Role tool", "-ToolCallId"),
        Row("Invoke-EvolinkChat 'x' -Tools 42", "New-EvolinkTool"),
        Row("Invoke-EvolinkChat 'x' -JsonSchema ./no-such-schema.json", "Pass -JsonSchema a hashtable"),
        Row("Invoke-EvolinkChat 'x' -JsonSchema @{ type = 'object'; minimun = 1 }", "as the specification spells them"),
    };

    private static object[] Row(string script, string advice) => new object[] { script, advice };

    [Theory]
    [MemberData(nameof(Failures))]
    public void The_error_a_user_reads_names_what_to_change(string script, string advice)
    {
        var run = Run(script);
        var error = Assert.Single(run.AllErrors);
        Assert.Contains(advice, error.ToString());
        Assert.Contains(advice, error.Exception.Message);
        // Said once, however the record is shown.
        Assert.Equal(error.ToString().IndexOf(advice, System.StringComparison.Ordinal), error.ToString().LastIndexOf(advice, System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_saved_base_uri_that_is_not_http_is_refused_with_the_command_that_fixes_it()
    {
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Env.ConfigurationPath)!);
        System.IO.File.WriteAllText(Env.ConfigurationPath, "{ \"baseUri\": \"ftp://gateway.example/\" }");
        var run = Run("$env:EVOLINK_BASE_URL = $null; Invoke-EvolinkChat 'x'");
        var said = Assert.Single(run.AllErrors).ToString() + string.Join(" ", run.Warnings.Select(w => w.Message));
        Assert.Contains("Set-EvolinkConfiguration", said);
    }

    [Fact]
    public void A_configuration_file_that_cannot_be_read_is_a_warning_that_says_what_to_do()
    {
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Env.ConfigurationPath)!);
        System.IO.File.WriteAllText(Env.ConfigurationPath, "{ broken");
        var run = Run("Get-EvolinkConfiguration | Out-Null");
        Assert.Contains(run.Warnings, w => w.Message.Contains("could not be read") && w.Message.Contains("Set-EvolinkConfiguration leaves it as it is"));
    }

    [Fact]
    public void The_effective_view_says_how_to_provide_a_key_when_none_would_be_found()
    {
        var source = Shell.Value("$env:EVOLINK_API_KEY = $null; (Get-EvolinkConfiguration).CredentialSource");
        Assert.Equal("none found: pass -ApiKey, store one with Set-EvolinkApiKey, or set EVOLINK_API_KEY", source);
    }
}
