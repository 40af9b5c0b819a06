using System;
using System.Collections.Generic;

namespace Evolink.Errors;

/// <summary>
/// The gateway's documented error codes (shared/evolink-api.md, Errors), each
/// with what it means for a caller: its kind, what the caller can change, and
/// whether sending the same request again can help. A code decides over the
/// HTTP status, in a reply and inside a stream alike; an unknown code leaves
/// the status to decide and is kept on the error as it came.
/// </summary>
public static class GatewayErrorCodes
{
    /// <summary>What one code means.</summary>
    public sealed class Meaning
    {
        public Meaning(EvolinkErrorKind kind, EvolinkRemedy remedy, bool retryable)
        {
            Kind = kind;
            Remedy = remedy;
            Retryable = retryable;
        }

        public EvolinkErrorKind Kind { get; }
        public EvolinkRemedy Remedy { get; }
        public bool Retryable { get; }
    }

    private static readonly Dictionary<string, Meaning> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["invalid_api_key"] = new(EvolinkErrorKind.Authentication, EvolinkRemedy.CheckApiKey, false),
        ["insufficient_quota"] = new(EvolinkErrorKind.InsufficientBalance, EvolinkRemedy.TopUpBalance, false),
        ["key_quota_exhausted"] = new(EvolinkErrorKind.KeyQuotaExhausted, EvolinkRemedy.RaiseKeyQuota, false),
        ["key_daily_quota_exhausted"] = new(EvolinkErrorKind.KeyDailyQuotaExhausted, EvolinkRemedy.WaitForDailyQuota, false),
        ["key_model_not_allowed"] = new(EvolinkErrorKind.ModelNotAllowed, EvolinkRemedy.ChooseAllowedModel, false),
        ["model_unavailable"] = new(EvolinkErrorKind.ModelUnavailable, EvolinkRemedy.TryLaterOrAnotherModel, true),
        ["no_available_channel"] = new(EvolinkErrorKind.NoAvailableChannel, EvolinkRemedy.TryLaterOrAnotherModel, true),
        ["content_policy_violation"] = new(EvolinkErrorKind.ContentPolicy, EvolinkRemedy.RephraseRequest, false),
        ["idempotency_conflict"] = new(EvolinkErrorKind.IdempotencyConflict, EvolinkRemedy.SendAsNewRequest, false),
        ["invalid_task_id"] = new(EvolinkErrorKind.InvalidTaskId, EvolinkRemedy.CheckTaskId, false),
    };

    /// <summary>Every documented code, for tables and tests.</summary>
    public static IEnumerable<string> Codes => Known.Keys;

    /// <summary>The meaning of a documented code; null for a code the API does not document (or none).</summary>
    public static Meaning? Find(string? code) => code is not null && Known.TryGetValue(code, out var meaning) ? meaning : null;
}
