using System.Collections.Generic;

namespace Evolink;

/// <summary>
/// The stable ErrorId and PowerShell error category name for each kind of
/// failure. Kept here, as plain strings, so that scripts' contract is tested
/// without PowerShell; the cmdlets turn the name into an ErrorCategory.
/// </summary>
public static class ErrorCatalog
{
    private static readonly Dictionary<EvolinkErrorKind, (string Id, string Category)> Entries = new()
    {
        [EvolinkErrorKind.Unknown] = ("EvolinkError", "NotSpecified"),
        [EvolinkErrorKind.Configuration] = ("EvolinkConfigurationError", "InvalidArgument"),
        [EvolinkErrorKind.InvalidInput] = ("EvolinkInvalidInput", "InvalidArgument"),
        [EvolinkErrorKind.InvalidRequest] = ("EvolinkInvalidRequest", "InvalidArgument"),
        [EvolinkErrorKind.Authentication] = ("EvolinkAuthenticationFailed", "AuthenticationError"),
        [EvolinkErrorKind.QuotaExceeded] = ("EvolinkQuotaExceeded", "QuotaExceeded"),
        [EvolinkErrorKind.PermissionDenied] = ("EvolinkPermissionDenied", "PermissionDenied"),
        [EvolinkErrorKind.NotFound] = ("EvolinkModelNotFound", "ObjectNotFound"),
        [EvolinkErrorKind.RateLimited] = ("EvolinkRateLimited", "LimitsExceeded"),
        [EvolinkErrorKind.ServerError] = ("EvolinkServerError", "ResourceUnavailable"),
        [EvolinkErrorKind.Timeout] = ("EvolinkTimeout", "OperationTimeout"),
        [EvolinkErrorKind.Network] = ("EvolinkNetworkError", "ConnectionError"),
        [EvolinkErrorKind.InvalidResponse] = ("EvolinkInvalidResponse", "InvalidResult"),
        [EvolinkErrorKind.StreamTruncated] = ("EvolinkStreamTruncated", "ReadError"),
        [EvolinkErrorKind.ToolRoundLimit] = ("EvolinkToolRoundLimit", "LimitsExceeded"),
    };

    public static string ErrorId(EvolinkErrorKind kind) => Entries[kind].Id;

    /// <summary>The name of a System.Management.Automation.ErrorCategory member.</summary>
    public static string CategoryName(EvolinkErrorKind kind) => Entries[kind].Category;

    public static IEnumerable<EvolinkErrorKind> Kinds => Entries.Keys;
}
