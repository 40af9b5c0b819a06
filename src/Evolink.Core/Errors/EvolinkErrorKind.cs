namespace Evolink.Errors;

/// <summary>What went wrong, in the terms a script decides on.</summary>
public enum EvolinkErrorKind
{
    /// <summary>A failure no other kind describes.</summary>
    Unknown,
    /// <summary>No key, a bad base URI, or another setting that fails every call.</summary>
    Configuration,
    /// <summary>Input refused before any request: a missing image file, a schema that is not JSON, …</summary>
    InvalidInput,
    /// <summary>A file would be replaced although the caller asked not to.</summary>
    FileExists,
    /// <summary>400, 413, 415: the request itself is wrong.</summary>
    InvalidRequest,
    /// <summary>401: missing, invalid or expired key.</summary>
    Authentication,
    /// <summary>402 without a code this client knows: balance or key quota exhausted.</summary>
    QuotaExceeded,
    /// <summary>insufficient_quota: the account's balance is spent.</summary>
    InsufficientBalance,
    /// <summary>key_quota_exhausted: this key's own limit is spent (the account may still have credit).</summary>
    KeyQuotaExhausted,
    /// <summary>key_daily_quota_exhausted: this key's limit for today is spent.</summary>
    KeyDailyQuotaExhausted,
    /// <summary>403: key disabled, IP restricted, or another refusal without a code this client knows.</summary>
    PermissionDenied,
    /// <summary>key_model_not_allowed: this key may not use that model.</summary>
    ModelNotAllowed,
    /// <summary>model_unavailable: the model cannot answer now.</summary>
    ModelUnavailable,
    /// <summary>no_available_channel: no upstream can serve the model now.</summary>
    NoAvailableChannel,
    /// <summary>content_policy_violation: the request or the reply was refused by a content policy.</summary>
    ContentPolicy,
    /// <summary>idempotency_conflict: the request key was used before with another request.</summary>
    IdempotencyConflict,
    /// <summary>invalid_task_id: not the id of a generation task.</summary>
    InvalidTaskId,
    /// <summary>404: unknown model or path.</summary>
    NotFound,
    /// <summary>429: rate limited.</summary>
    RateLimited,
    /// <summary>5xx: the gateway or the model behind it failed.</summary>
    ServerError,
    /// <summary>No answer within the configured time.</summary>
    Timeout,
    /// <summary>The connection failed or was reset.</summary>
    Network,
    /// <summary>A 2xx reply whose body is not what the API documents.</summary>
    InvalidResponse,
    /// <summary>A stream that ended before the reply was complete.</summary>
    StreamTruncated,
    /// <summary>The model kept asking for tools past the round limit.</summary>
    ToolRoundLimit,

    /// <summary>A run's token budget or minimum credit was reached: nothing more is sent.</summary>
    BudgetExceeded,

    /// <summary>A journal that is not one, is in use by another run, or cannot be written.</summary>
    Journal,

    /// <summary>Replaying: the request has no recorded answer (or the replay file is missing or not one).</summary>
    NotRecorded,

    /// <summary>The model's answer for one object of a fill was missing or did not match the declared properties, also when asked again alone.</summary>
    PropertyNotFilled,

    /// <summary>An MCP server did not start, did not complete the handshake in time, or could not list its tools.</summary>
    McpServerFailed,

    /// <summary>A generation task failed on the gateway (with a business code the API does not document), or its results could not be fetched.</summary>
    GenerationFailed,

    /// <summary>A result file would overwrite a file that is already there.</summary>
    ResultFileExists,

    /// <summary>A result file is larger than the download limit.</summary>
    ResultTooLarge,
}

/// <summary>Kinds that share a meaning for whoever decides on them.</summary>
public static class EvolinkErrorKinds
{
    /// <summary>Credit or quota is spent (the account's, or this key's, overall or for today): nothing goes through until it is topped up or reset.</summary>
    public static bool IsSpent(EvolinkErrorKind kind) =>
        kind is EvolinkErrorKind.QuotaExceeded or EvolinkErrorKind.InsufficientBalance or EvolinkErrorKind.KeyQuotaExhausted or EvolinkErrorKind.KeyDailyQuotaExhausted;
}
