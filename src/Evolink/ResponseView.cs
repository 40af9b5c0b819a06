using System.Collections.Generic;
using System.Management.Automation;

namespace Evolink.Commands;

/// <summary>
/// What the module adds to a reply for the console and the pipeline: the
/// input it answers and whether its text was already shown (note
/// properties), and a one-line summary (a code property, Evolink.Types.ps1xml,
/// worked out only when something reads it).
/// </summary>
public static class ResponseView
{
    /// <summary>The reply as it goes down the pipeline: the input it answers, and whether its text was already shown as it streamed.</summary>
    internal static PSObject ForPipeline(ChatResponse response, object? input, bool shown)
    {
        var output = PSObject.AsPSObject(response);
        output.Properties.Add(new PSNoteProperty("Input", input));
        output.Properties.Add(new PSNoteProperty("Streamed", shown));
        return output;
    }

    /// <summary>One line about the reply: model, finish reason, tokens, request id.</summary>
    public static string Summary(PSObject instance)
    {
        if (instance.BaseObject is not ChatResponse response)
            return string.Empty;
        // Plain ASCII: Windows PowerShell 5.1 consoles do not all render a middle dot.
        var model = response.Model ?? "unknown model";
        if (response.RequestedModel is not null && response.Model is not null
            && !string.Equals(response.RequestedModel, response.Model, System.StringComparison.OrdinalIgnoreCase))
            model = $"{response.RequestedModel} -> {response.Model}";
        var parts = new List<string> { model, response.FinishReason ?? "unfinished" };
        if (response.Usage?.TotalTokens is not null)
            parts.Add(response.Usage.ToString());
        if (response.RequestId is not null)
            parts.Add($"request {response.RequestId}");
        return "[" + string.Join(" | ", parts) + "]";
    }
}
