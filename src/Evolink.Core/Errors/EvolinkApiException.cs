using System;
using System.Collections.Generic;

namespace Evolink.Errors;

/// <summary>The gateway answered with an error status.</summary>
public sealed class EvolinkApiException : EvolinkException
{
    /// <summary>An error reply: its code, when the API documents it, decides the kind and the remedy; otherwise the status does.</summary>
    public EvolinkApiException(int statusCode, GatewayError error, string? requestId, string message)
        : this(GatewayErrorCodes.Find(error.Code)?.Kind ?? KindOf(statusCode), statusCode, error, requestId, message)
    {
    }

    public EvolinkApiException(EvolinkErrorKind kind, int statusCode, GatewayError error, string? requestId, string message)
        : base(kind, message, remedy: GatewayErrorCodes.Find(error.Code)?.Remedy ?? RemedyOf(kind))
    {
        StatusCode = statusCode;
        ErrorCode = error.Code;
        ErrorType = error.Type;
        Param = error.Param;
        GatewayMessage = error.Message;
        Details = error.Details;
        RequestId = requestId ?? error.RequestId;
    }

    public int StatusCode { get; }

    /// <summary>The gateway's <c>error.code</c> (e.g. <c>insufficient_quota</c>), as text.</summary>
    public string? ErrorCode { get; }

    public string? ErrorType { get; }

    /// <summary>The request field the gateway objected to, if it named one.</summary>
    public string? Param { get; }

    /// <summary>The gateway's own words, or the first bytes of a body that was not JSON.</summary>
    public string? GatewayMessage { get; }

    /// <summary>Any further fields of the error object (<c>remaining_credits</c>, <c>allowed_models</c>, …) as plain data.</summary>
    public IReadOnlyDictionary<string, object?> Details { get; }

    /// <summary>How long the gateway asked us to wait before trying again, if it said.</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>Whether sending the same request again can help: the code's answer when it has one, else the status's.</summary>
    public bool Retryable => GatewayErrorCodes.Find(ErrorCode)?.Retryable ?? StatusCode is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>What the caller can change for an error the status alone describes.</summary>
    private static EvolinkRemedy RemedyOf(EvolinkErrorKind kind) => kind switch
    {
        EvolinkErrorKind.Authentication => EvolinkRemedy.CheckApiKey,
        EvolinkErrorKind.NotFound => EvolinkRemedy.ChooseModel,
        EvolinkErrorKind.QuotaExceeded => EvolinkRemedy.TopUpBalance,
        EvolinkErrorKind.PermissionDenied => EvolinkRemedy.CheckKeyPermissions,
        EvolinkErrorKind.InvalidRequest => EvolinkRemedy.FixRequest,
        EvolinkErrorKind.RateLimited => EvolinkRemedy.SendFewer,
        EvolinkErrorKind.ServerError => EvolinkRemedy.TryLaterOrAnotherModel,
        _ => EvolinkRemedy.None,
    };

    public static EvolinkErrorKind KindOf(int statusCode) => statusCode switch
    {
        400 or 413 or 415 or 422 => EvolinkErrorKind.InvalidRequest,
        401 => EvolinkErrorKind.Authentication,
        402 => EvolinkErrorKind.QuotaExceeded,
        403 => EvolinkErrorKind.PermissionDenied,
        404 => EvolinkErrorKind.NotFound,
        408 => EvolinkErrorKind.Timeout,
        429 => EvolinkErrorKind.RateLimited,
        >= 500 and <= 599 => EvolinkErrorKind.ServerError,
        _ => EvolinkErrorKind.Unknown,
    };
}
