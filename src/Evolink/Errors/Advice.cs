using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// The module's words for what the engine reports in its own terms: what a
/// user can change (a remedy) named by this module's parameters and
/// commands, what to do about a bad configuration file, where a key came
/// from. Every such sentence lives here.
/// </summary>
internal static class Advice
{
    public static string? For(EvolinkRemedy remedy) => remedy switch
    {
        EvolinkRemedy.ConnectionTimeout => "Try again, or raise -ConnectionTimeoutSeconds.",
        EvolinkRemedy.OperationTimeout => "Try again, or raise -OperationTimeoutSeconds.",
        EvolinkRemedy.TotalTimeout => "Try again, or raise the total time limit (-TimeoutSec).",
        EvolinkRemedy.ReplySizeLimit => "If such long replies are expected, raise the reply size limit (-MaximumReplySizeMB).",
        EvolinkRemedy.ToolRoundLimit => "Raise -MaximumToolRounds if the task needs more steps.",
        EvolinkRemedy.UnencryptedAuthentication => "Pass -AllowUnencryptedAuthentication only if you really mean to send the key in clear text.",
        EvolinkRemedy.ProvideApiKey => "Provide one in any of these ways: " +
            "(1) pass -ApiKey with a SecureString, e.g. -ApiKey (Read-Host -AsSecureString 'Evolink key'); " +
            "(2) keep it in a SecretManagement vault: store it once with Set-EvolinkApiKey -Vault <vault> -SecretName <name>, which also records it as the default; " +
            "(3) set the environment variable EVOLINK_API_KEY (the usual way in CI).",
        EvolinkRemedy.StoreSecret => "Store it with Set-EvolinkApiKey, or name another secret with -SecretName.",
        EvolinkRemedy.CheckApiKey => "Check the API key and where it came from (-ApiKey, a vault, or EVOLINK_API_KEY); Get-EvolinkConfiguration shows which is used.",
        EvolinkRemedy.ChooseModel => "List the models this key may use with Get-EvolinkModel.",
        EvolinkRemedy.SaveBaseUri => "Save a good one with Set-EvolinkConfiguration -BaseUri https://direct.evolink.ai, or pass -BaseUri.",
        EvolinkRemedy.SaveConversation => "Save one with Export-EvolinkConversation.",
        EvolinkRemedy.GiveToolCallId => "Give the call's id with -ToolCallId.",
        EvolinkRemedy.GiveContent => "Give -Content (or -Image, or -ToolCall on an assistant message).",
        EvolinkRemedy.ToolShape => "Write a tool as @{ name = 'Get-Weather'; description = '...'; parameters = @{ type = 'object'; properties = @{} } }, or make one with New-EvolinkTool.",
        EvolinkRemedy.ToolCallShape => "Write a tool call as @{ id = 'call_1'; name = 'Get-Date'; arguments = @{ Format = 'o' } }.",
        EvolinkRemedy.SchemaShape => "Write one such as @{ type = 'object'; properties = @{ ... } }.",
        EvolinkRemedy.SchemaKeyword => "Write the schema in draft 2020-12 (or draft-07) with the keywords as the specification spells them, or remove what the error names; vendor extensions such as x-... cannot be checked.",
        EvolinkRemedy.McpServerShape => "Give -McpServer a hashtable such as @{ Name = 'files'; Command = 'npx'; Arguments = '-y', '@modelcontextprotocol/server-filesystem', $HOME } or @{ Name = 'docs'; Url = 'https://...' }, or an https URL.",
        EvolinkRemedy.McpServerName => "Get-EvolinkMcpServer lists the servers registered by name; Register-EvolinkMcpServer adds one, or give the server inline as a hashtable.",
        EvolinkRemedy.McpValueReference => "Set the environment variable the server names, or keep the secret in a vault (Set-Secret -Name <name>); a saved header is written as a reference such as 'Bearer {secret:McpToken}' or '{env:MCP_TOKEN}'.",
        EvolinkRemedy.ResultLinkExpired => "Result links last 24 hours: save results when the task completes (New-EvolinkImage and Receive-EvolinkTask do by default); Get-EvolinkTask <id> still shows the task.",
        EvolinkRemedy.RaiseDownloadLimit => "Raise the limit with -MaximumFileSizeMB, or fetch the link (Get-EvolinkTask <id>).Results yourself within 24 hours.",
        EvolinkRemedy.SaveElsewhere => "The results stay on the gateway for 24 hours: Receive-EvolinkTask <id> -OutDirectory <a folder you can write to> saves them.",
        EvolinkRemedy.PickUpTask => "The task goes on on the gateway: Receive-EvolinkTask <id> waits for it again and saves its results; -TimeoutSec waits longer.",
        EvolinkRemedy.McpServerFile => "Correct the file, or remove it and register the servers again with Register-EvolinkMcpServer.",
        EvolinkRemedy.McpServerStart => "Run the server's command by hand to see why it fails, check that it speaks MCP over standard input and output (or the URL, over Streamable HTTP), or give it more time with StartTimeoutSec in its hashtable.",
        EvolinkRemedy.SchemaSource => "Pass -JsonSchema a hashtable, JSON text, or the path of a .json file.",
        EvolinkRemedy.TrustCertificate => "If a corporate proxy inspects TLS, trust its authority with -CertificateAuthorityFile <file> (or save it with Set-EvolinkConfiguration -CertificateAuthorityFile); for a test gateway only, -SkipCertificateCheck.",
        EvolinkRemedy.CheckProxy => "Check the proxy (-Proxy, the session's or saved proxy, HTTPS_PROXY/HTTP_PROXY/ALL_PROXY); -NoProxy goes direct, and -HttpVersion 1.1 helps with proxies that only speak it.",
        EvolinkRemedy.ProxyCredential => "The proxy asks for a credential: pass -ProxyCredential (Get-Credential), or -ProxyUseDefaultCredentials to use the signed-in user's.",
        EvolinkRemedy.CheckHost => "Check the host name (-BaseUri, EVOLINK_BASE_URL, the saved configuration) and the network; behind a proxy, set -Proxy or HTTPS_PROXY.",
        EvolinkRemedy.StoreProxySecret => "Save it again with Set-EvolinkConfiguration -ProxyCredential (Get-Credential), or clear it with -ProxyCredential $null.",
        EvolinkRemedy.TopUpBalance => "Add credit to the account in the Evolink console; Get-EvolinkCredit shows what is left.",
        EvolinkRemedy.RaiseKeyQuota => "This key's own limit is spent: raise it in the Evolink console, or use another key (-ApiKey, -SecretName); credit on the account does not lift it.",
        EvolinkRemedy.WaitForDailyQuota => "This key's limit for today is spent: try again tomorrow, use another key (-ApiKey, -SecretName), or raise its daily limit in the Evolink console.",
        EvolinkRemedy.ChooseAllowedModel => "Choose a model this key may use (-Model; Get-EvolinkModel lists them), or allow the model for the key in the Evolink console.",
        EvolinkRemedy.TryLaterOrAnotherModel => "Try again later, or another model (-Model).",
        EvolinkRemedy.RephraseRequest => "Change what is asked; a content policy refused it as it is.",
        EvolinkRemedy.SendAsNewRequest => "Send it again as a new request; the request key was already used for a different request.",
        EvolinkRemedy.CheckTaskId => "Check the task id; a generation task's id starts with 'task-unified-'.",
        EvolinkRemedy.FixRequest => "Check the field the gateway names (some models refuse some fields: -Temperature, -TopP, -Tools, -AdditionalFields, …).",
        EvolinkRemedy.SendFewer => "Wait and try again, or send fewer requests at once (a lower -ThrottleLimit).",
        EvolinkRemedy.CheckKeyPermissions => "Check the key's settings in the Evolink console (disabled, IP restrictions, allowed models).",
        EvolinkRemedy.RaiseTokenBudget => "Raise -TokenBudget, or run the same command again later with the same -Journal: answered inputs are not sent again.",
        EvolinkRemedy.TopUpOrLowerMinimum => "Add credit in the Evolink console (Get-EvolinkCredit shows the balance), or lower -MinimumCredit.",
        EvolinkRemedy.ChooseJournal => "Give -Journal a journal an earlier run of the same command wrote, or the path of a new file.",
        EvolinkRemedy.JournalInUse => "Wait for the other run to finish, or give this run its own -Journal (with -Shard, one journal per shard).",
        EvolinkRemedy.RecordAnswers => "Record the answers once with a key and the network: -ReplayMode Record (or EVOLINK_REPLAY_MODE=Record) with the same -Replay file; or change the script back to what was recorded.",
        EvolinkRemedy.SendFewerFields => "Show the model fewer of the object's properties with -InputProperty.",
        EvolinkRemedy.ClarifyProperties => "Run the command again for that object, make -Instructions or the declarations clearer, or allow more with -RowRetryCount; a property the model cannot always tell can be left out of -Required.",
        EvolinkRemedy.WritableJournal => "Make room on the disk or make the journal writable, then run the same command again: inputs already recorded are not sent again.",
        _ => null,
    };

    /// <summary>The exception's message with this module's advice said last (once, however often the error is written).</summary>
    public static EvolinkException Worded(EvolinkException exception)
    {
        exception.Advice ??= For(exception.Remedy);
        return exception;
    }

    /// <summary>A configuration file problem with what to do about it.</summary>
    public static string For(ConfigurationProblem problem) => problem.Description + " " + (problem.Unreadable
        ? "Fix or delete it; until then Set-EvolinkConfiguration leaves it as it is."
        : "Set them again with Set-EvolinkConfiguration, or fix the file.");

    /// <summary>Where the key came from, for the verbose stream.</summary>
    public static string Source(ResolvedApiKey key) => key.Origin == KeyOrigin.Given ? "the -ApiKey parameter" : key.Source;

    /// <summary>What the configuration view says when no key would be found.</summary>
    public const string NoKeyFound = "none found: pass -ApiKey, store one with Set-EvolinkApiKey, or set " + ApiKeyResolver.EnvironmentVariable;
}
