using System.Collections.Generic;
using System.Management.Automation;

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
        [EvolinkErrorKind.PermissionDenied] = ("EvolinkPermissionDenied", ErrorCategory.PermissionDenied),
        [EvolinkErrorKind.NotFound] = ("EvolinkModelNotFound", ErrorCategory.ObjectNotFound),
        [EvolinkErrorKind.RateLimited] = ("EvolinkRateLimited", ErrorCategory.LimitsExceeded),
        [EvolinkErrorKind.ServerError] = ("EvolinkServerError", ErrorCategory.ResourceUnavailable),
        [EvolinkErrorKind.Timeout] = ("EvolinkTimeout", ErrorCategory.OperationTimeout),
        [EvolinkErrorKind.Network] = ("EvolinkNetworkError", ErrorCategory.ConnectionError),
        [EvolinkErrorKind.InvalidResponse] = ("EvolinkInvalidResponse", ErrorCategory.InvalidResult),
        [EvolinkErrorKind.StreamTruncated] = ("EvolinkStreamTruncated", ErrorCategory.ReadError),
        [EvolinkErrorKind.ToolRoundLimit] = ("EvolinkToolRoundLimit", ErrorCategory.LimitsExceeded),
    };

    public static string ErrorId(EvolinkErrorKind kind) => Entries[kind].Id;

    public static ErrorCategory Category(EvolinkErrorKind kind) => Entries[kind].Category;

    public static IEnumerable<EvolinkErrorKind> Kinds => Entries.Keys;

    public static ErrorRecord ToErrorRecord(EvolinkException exception, object? target) =>
        new(Advice.Worded(exception), ErrorId(exception.Kind), Category(exception.Kind), target);
}
