namespace Evolink.Errors;

/// <summary>Messages that say what happened and what to do next.</summary>
internal static class ErrorMessages
{
    public static string ForStatus(int status, GatewayError error, string? requestId)
    {
        var kind = EvolinkApiException.KindOf(status);
        var code = error.Code is null ? string.Empty : $" {error.Code}";
        var said = string.IsNullOrWhiteSpace(error.Message) ? "no message" : error.Message!.Trim();
        var param = error.Param is null ? string.Empty : $" (parameter '{error.Param}')";
        var request = requestId is null ? string.Empty : $" Request id: {requestId}.";
        return $"The Evolink gateway answered HTTP {status}{code}: {said}{param}. {Advice(kind, error)}{request}";
    }

    private static string Advice(EvolinkErrorKind kind, GatewayError error) => kind switch
    {
        EvolinkErrorKind.InvalidRequest => "Check the parameter the gateway names; some models refuse some fields.",
        EvolinkErrorKind.Authentication => "The key is missing, wrong or expired; keys are created in the Evolink console.",
        EvolinkErrorKind.QuotaExceeded => "Top up the account balance or raise the key's quota in the Evolink console." + Credits(error),
        // Advice only: the gateway's own words already say what happened, so they are not repeated.
        EvolinkErrorKind.PermissionDenied => "Pick a model the key allows, or change the key's settings in the Evolink console.",
        EvolinkErrorKind.NotFound => "The model or path is not one this gateway knows.",
        EvolinkErrorKind.RateLimited => "Wait and try again, or send fewer requests at once.",
        EvolinkErrorKind.ServerError => "The gateway or the model behind it failed; try again later or another model.",
        EvolinkErrorKind.Timeout => "The gateway timed out; try again.",
        _ => "See the gateway's message.",
    };

    private static string Credits(GatewayError error) =>
        error.Details.TryGetValue("remaining_credits", out var remaining) && remaining is not null
            ? $" Remaining credits: {remaining}."
            : string.Empty;
}
