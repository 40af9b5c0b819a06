using System.Collections.Generic;
using System.Management.Automation;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// The one table from what went wrong (the engine's error kind) to what a
/// PowerShell script keys on: a stable ErrorId and the error category.
/// Every cmdlet writes its errors through it (EvolinkCmdlet).
/// </summary>
public static class ErrorMapping
{
    private static readonly Dictionary<EvolinkErrorKind, (string Id, ErrorCategory Category)> Entries = new()
    {
        [EvolinkErrorKind.Unknown] = ("EvolinkError", ErrorCategory.NotSpecified),
        [EvolinkErrorKind.Configuration] = ("EvolinkConfigurationError", ErrorCategory.InvalidArgument),
        [EvolinkErrorKind.InvalidInput] = ("EvolinkInvalidInput", ErrorCategory.InvalidArgument),
        [EvolinkErrorKind.FileExists] = ("EvolinkConversationFileExists", ErrorCategory.ResourceExists),
        [EvolinkErrorKind.InvalidRequest] = ("EvolinkInvalidRequest", ErrorCategory.InvalidArgument),
        [EvolinkErrorKind.Authentication] = ("EvolinkAuthenticationFailed", ErrorCategory.AuthenticationError),
        [EvolinkErrorKind.QuotaExceeded] = ("EvolinkQuotaExceeded", ErrorCategory.QuotaExceeded),
        [EvolinkErrorKind.InsufficientBalance] = ("EvolinkInsufficientBalance", ErrorCategory.QuotaExceeded),
        [EvolinkErrorKind.KeyQuotaExhausted] = ("EvolinkKeyQuotaExhausted", ErrorCategory.QuotaExceeded),
        [EvolinkErrorKind.KeyDailyQuotaExhausted] = ("EvolinkKeyDailyQuotaExhausted", ErrorCategory.QuotaExceeded),
        [EvolinkErrorKind.PermissionDenied] = ("EvolinkPermissionDenied", ErrorCategory.PermissionDenied),
        [EvolinkErrorKind.ModelNotAllowed] = ("EvolinkModelNotAllowed", ErrorCategory.PermissionDenied),
        [EvolinkErrorKind.ModelUnavailable] = ("EvolinkModelUnavailable", ErrorCategory.ResourceUnavailable),
        [EvolinkErrorKind.NoAvailableChannel] = ("EvolinkNoAvailableChannel", ErrorCategory.ResourceUnavailable),
        [EvolinkErrorKind.ContentPolicy] = ("EvolinkContentPolicyViolation", ErrorCategory.InvalidData),
        [EvolinkErrorKind.IdempotencyConflict] = ("EvolinkIdempotencyConflict", ErrorCategory.InvalidOperation),
        [EvolinkErrorKind.InvalidTaskId] = ("EvolinkInvalidTaskId", ErrorCategory.InvalidArgument),
        [EvolinkErrorKind.NotFound] = ("EvolinkModelNotFound", ErrorCategory.ObjectNotFound),
        [EvolinkErrorKind.RateLimited] = ("EvolinkRateLimited", ErrorCategory.LimitsExceeded),
        [EvolinkErrorKind.ServerError] = ("EvolinkServerError", ErrorCategory.ResourceUnavailable),
        [EvolinkErrorKind.Timeout] = ("EvolinkTimeout", ErrorCategory.OperationTimeout),
        [EvolinkErrorKind.Network] = ("EvolinkNetworkError", ErrorCategory.ConnectionError),
        [EvolinkErrorKind.InvalidResponse] = ("EvolinkInvalidResponse", ErrorCategory.InvalidResult),
        [EvolinkErrorKind.StreamTruncated] = ("EvolinkStreamTruncated", ErrorCategory.ReadError),
        [EvolinkErrorKind.ToolRoundLimit] = ("EvolinkToolRoundLimit", ErrorCategory.LimitsExceeded),
        [EvolinkErrorKind.BudgetExceeded] = ("EvolinkBudgetExceeded", ErrorCategory.LimitsExceeded),
        [EvolinkErrorKind.Journal] = ("EvolinkJournalError", ErrorCategory.InvalidData),
        [EvolinkErrorKind.NotRecorded] = ("EvolinkNotRecorded", ErrorCategory.ObjectNotFound),
        [EvolinkErrorKind.PropertyNotFilled] = ("EvolinkPropertyNotFilled", ErrorCategory.InvalidResult),
        [EvolinkErrorKind.McpServerFailed] = ("EvolinkMcpServerFailed", ErrorCategory.ResourceUnavailable),
        [EvolinkErrorKind.GenerationFailed] = ("EvolinkGenerationFailed", ErrorCategory.InvalidResult),
        [EvolinkErrorKind.ResultFileExists] = ("EvolinkResultFileExists", ErrorCategory.ResourceExists),
        [EvolinkErrorKind.ResultTooLarge] = ("EvolinkResultTooLarge", ErrorCategory.LimitsExceeded),
    };

    public static string ErrorId(EvolinkErrorKind kind) => Entries[kind].Id;

    public static ErrorCategory Category(EvolinkErrorKind kind) => Entries[kind].Category;

    public static IEnumerable<EvolinkErrorKind> Kinds => Entries.Keys;

    /// <summary>
    /// The record for one failure. ErrorDetails carries what PowerShell shows, as its web cmdlets fill it:
    /// the message made safe for the screen (the exception keeps the gateway's exact words), which input of
    /// several it was, and the advice as RecommendedAction. The gateway's code, request id and further fields
    /// stay on the exception ($_.Exception.ErrorCode, .RequestId, .Details) for scripts.
    /// </summary>
    public static ErrorRecord ToErrorRecord(EvolinkException exception, object? target, long? position = null)
    {
        var worded = Advice.Worded(exception);
        var record = new ErrorRecord(worded, ErrorId(exception.Kind), Category(exception.Kind), target);
        var shown = ScreenText.Safe(worded.Message);
        record.ErrorDetails = new ErrorDetails(position is { } at ? $"Input {at}: {shown}" : shown)
        {
            RecommendedAction = worded.Advice is null ? null : ScreenText.Safe(worded.Advice),
        };
        return record;
    }
}
