namespace Evolink.Errors;

/// <summary>
/// What the caller can change to get past an error, in the engine's terms.
/// The engine's messages say what happened; a host (the PowerShell module)
/// turns the remedy into advice that names its own parameters and commands.
/// </summary>
public enum EvolinkRemedy
{
    /// <summary>Nothing the caller sets would help, or the message already says it.</summary>
    None,
    /// <summary>The connection limit (<see cref="EvolinkClientOptions.ConnectionTimeout"/>) was reached.</summary>
    ConnectionTimeout,
    /// <summary>The silence limit (<see cref="EvolinkClientOptions.OperationTimeout"/>) was reached.</summary>
    OperationTimeout,
    /// <summary>The total time limit (<see cref="EvolinkClientOptions.TotalTimeout"/>) was reached.</summary>
    TotalTimeout,
    /// <summary>The reply size limit (<see cref="EvolinkClientOptions.MaxReplyBytes"/>) was reached.</summary>
    ReplySizeLimit,
    /// <summary>The tool round limit was reached.</summary>
    ToolRoundLimit,
    /// <summary>The key would travel in clear text; the caller may allow it on purpose.</summary>
    UnencryptedAuthentication,
    /// <summary>No key was found anywhere.</summary>
    ProvideApiKey,
    /// <summary>A named secret does not exist.</summary>
    StoreSecret,
    /// <summary>The gateway refused the key.</summary>
    CheckApiKey,
    /// <summary>The gateway does not know the model.</summary>
    ChooseModel,
    /// <summary>The saved base URI is not usable.</summary>
    SaveBaseUri,
    /// <summary>A file is not a saved conversation.</summary>
    SaveConversation,
    /// <summary>A tool message lacks the id of the call it answers.</summary>
    GiveToolCallId,
    /// <summary>A message has no content.</summary>
    GiveContent,
    /// <summary>A tool definition is not an object with a name.</summary>
    ToolShape,
    /// <summary>A tool call is not an object with an id, a name and arguments.</summary>
    ToolCallShape,
    /// <summary>A JSON schema is not a JSON object.</summary>
    SchemaShape,
    /// <summary>A JSON schema was neither a dictionary, JSON text nor a file.</summary>
    SchemaSource,
    /// <summary>A JSON schema uses a keyword, dialect, format or reference that cannot be checked as its specification says.</summary>
    SchemaKeyword,
    /// <summary>An MCP server is described wrongly: a name, and either a command or an endpoint.</summary>
    McpServerShape,
    /// <summary>An MCP server did not start, answer or stay up: check its command, and run it by hand to see why.</summary>
    McpServerStart,
    /// <summary>No MCP server of that name is registered: list them, or register it.</summary>
    McpServerName,
    /// <summary>An MCP server's header or variable comes from a secret or variable that is missing, or would be saved as text.</summary>
    McpValueReference,
    /// <summary>A result link no longer answers: links last 24 hours, so download results promptly; a task id still shows the task.</summary>
    ResultLinkExpired,
    /// <summary>A result is larger than the download limit: raise it, or fetch the link another way.</summary>
    RaiseDownloadLimit,
    /// <summary>Waiting for a task ended; the task goes on on the gateway and can be picked up by its id.</summary>
    PickUpTask,
    /// <summary>A result could not be written where asked: the results stay on the gateway for a day, to be saved elsewhere.</summary>
    SaveElsewhere,
    /// <summary>The file of MCP servers saved by name cannot be read: correct it, or remove it and register them again.</summary>
    McpServerFile,
    /// <summary>The server's certificate is not trusted: trust its authority, or (a test gateway) skip the check.</summary>
    TrustCertificate,
    /// <summary>The proxy could not be reached or refused the request.</summary>
    CheckProxy,
    /// <summary>The proxy asks for a credential.</summary>
    ProxyCredential,
    /// <summary>The host could not be found or reached: check its name and the network.</summary>
    CheckHost,
    /// <summary>The proxy's password is named in the configuration but not in the vault.</summary>
    StoreProxySecret,
    /// <summary>The account's balance is spent: add credit.</summary>
    TopUpBalance,
    /// <summary>The key's own quota is spent: raise it, or use another key (credit on the account does not help).</summary>
    RaiseKeyQuota,
    /// <summary>The key's daily quota is spent: wait for the next day, use another key, or raise its daily limit.</summary>
    WaitForDailyQuota,
    /// <summary>The key may not use that model: choose one it may use.</summary>
    ChooseAllowedModel,
    /// <summary>The model or its upstream cannot answer now: try again later, or another model.</summary>
    TryLaterOrAnotherModel,
    /// <summary>A content policy refused the request: change what is asked.</summary>
    RephraseRequest,
    /// <summary>The request key was used before with another request: send it as a new request.</summary>
    SendAsNewRequest,
    /// <summary>The task id has not the shape of one: check it.</summary>
    CheckTaskId,
    /// <summary>The gateway refused a field of the request: check the one it names.</summary>
    FixRequest,
    /// <summary>Too many requests: wait, or send fewer at once.</summary>
    SendFewer,
    /// <summary>The key is refused for this request (disabled, IP restricted): check its settings.</summary>
    CheckKeyPermissions,
    /// <summary>The run's token budget is spent: raise it, or go on later from the journal.</summary>
    RaiseTokenBudget,
    /// <summary>The balance is below the run's minimum: add credit, or lower the minimum.</summary>
    TopUpOrLowerMinimum,
    /// <summary>The file is not a journal: give one a run wrote, or a new path.</summary>
    ChooseJournal,
    /// <summary>Another run has the journal open: wait for it, or give this run its own.</summary>
    JournalInUse,
    /// <summary>The journal cannot be written (full disk, read-only): fix that and run again; what was recorded stays.</summary>
    WritableJournal,
    /// <summary>A request has no recorded answer: record it, or send what was recorded.</summary>
    RecordAnswers,
    /// <summary>An object is too large to be one row of a fill: send fewer of its properties.</summary>
    SendFewerFields,
    /// <summary>The model did not fill an object's properties as declared: run it again, make the instructions clearer, or loosen the declaration.</summary>
    ClarifyProperties,
}
