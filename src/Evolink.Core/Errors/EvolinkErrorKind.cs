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
    /// <summary>402: balance or key quota exhausted.</summary>
    QuotaExceeded,
    /// <summary>403: key disabled, model not allowed, IP restricted.</summary>
    PermissionDenied,
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
}
