namespace Evolink.Errors;

/// <summary>Messages that say what happened, in facts; what to do is the remedy's, worded by the host.</summary>
internal static class ErrorMessages
{
    /// <summary>What the gateway said, in facts: status, code, its words, the field it named, what it reported (credits, allowed models), the request id. What to do is the remedy's, worded by the host.</summary>
    public static string ForStatus(int status, GatewayError error, string? requestId) =>
        Sentences.Join($"The Evolink gateway answered HTTP {status}{Code(error)}: {Said(error)}{Param(error)}", Reported(error), RequestId(requestId));

    /// <summary>An error that came inside a stream: what arrived before it is kept.</summary>
    public static string InStream(GatewayError error, string? requestId) =>
        Sentences.Join($"The gateway reported an error in the middle of the stream{Code(error)}: {Said(error)}{Param(error)}", Reported(error),
            "What arrived before it is kept on the error's PartialResponse", RequestId(requestId));

    private static string Code(GatewayError error) => error.Code is null ? string.Empty : $" {error.Code}";

    private static string Said(GatewayError error) => string.IsNullOrWhiteSpace(error.Message) ? "no message" : Sentences.End(error.Message!).TrimEnd('.');

    private static string Param(GatewayError error) => error.Param is null ? string.Empty : $" (parameter '{error.Param}')";

    private static string? RequestId(string? requestId) => requestId is null ? null : $"Request id: {requestId}";

    /// <summary>What the gateway reported beside its message that a person acts on.</summary>
    private static string? Reported(GatewayError error)
    {
        var facts = new System.Collections.Generic.List<string>();
        if (error.Details.TryGetValue("remaining_credits", out var credits) && credits is not null)
            facts.Add($"Remaining credits: {credits}");
        if (error.Details.TryGetValue("allowed_models", out var models) && models is System.Collections.IEnumerable list and not string)
            facts.Add("Models this key may use: " + string.Join(", ", System.Linq.Enumerable.Cast<object?>(list)));
        if (error.Details.TryGetValue("limit_scope", out var scope) && scope is not null)
            facts.Add($"Limit: {scope}");
        return facts.Count == 0 ? null : Sentences.Join(facts.ToArray());
    }
}
