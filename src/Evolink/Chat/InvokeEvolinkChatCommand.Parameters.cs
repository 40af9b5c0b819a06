using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Evolink.Chat;
using Evolink.Chat.Input;

namespace Evolink.Commands;

/// <summary>The request fields and connection settings of Invoke-EvolinkChat; ranges are the API's.</summary>
public sealed partial class InvokeEvolinkChatCommand
{
    /// <summary>How many candidate replies (the API's n).</summary>
    [Parameter]
    [ValidateRange(1, 128)]
    public int? Count { get; set; }

    /// <summary>Return the log probability of each reply token.</summary>
    [Parameter]
    public SwitchParameter Logprobs { get; set; }

    /// <summary>How many most-likely alternatives to return per token, 0 to 20; turns on -Logprobs.</summary>
    [Parameter]
    [ValidateRange(0, 20)]
    public int? TopLogprobs { get; set; }

    /// <summary>Text (default) or JsonObject: JSON mode, the reply parsed into the Data property.</summary>
    [Parameter]
    [ValidateSet("Text", "JsonObject")]
    public string? ResponseFormat { get; set; }

    /// <summary>A hashtable, JSON text, or the path of a .json file; the reply comes back parsed in Data.</summary>
    [Parameter]
    [Alias("Schema")]
    [ValidateNotNull]
    public object? JsonSchema { get; set; }

    /// <summary>The schema's name sent with -JsonSchema; "response" when left out.</summary>
    [Parameter]
    [ValidatePattern("^[A-Za-z0-9_-]{1,64}$")]
    public string? JsonSchemaName { get; set; }

    /// <summary>Ask the model to follow -JsonSchema strictly (strict: true).</summary>
    [Parameter]
    public SwitchParameter StrictSchema { get; set; }

    /// <summary>How many requests may be in flight at once across pipeline inputs (1: one after another).</summary>
    [Parameter]
    [ValidateRange(1, 128)]
    public int ThrottleLimit { get; set; } = 1;

    /// <summary>With -ThrottleLimit: output each reply as it completes (its Input property says which), not in input order.</summary>
    [Parameter]
    public SwitchParameter Unordered { get; set; }

    private ChatOptions? _requestOptions;

    /// <summary>The request fields of this command, made once: every input's request gets the same.</summary>
    private ChatOptions RequestOptions() => _requestOptions ??= MakeRequestOptions();

    private ChatOptions MakeRequestOptions()
    {
        var options = SharedOptions();
        options.Count = Count;
        options.Logprobs = Logprobs.IsPresent ? true : null;
        options.TopLogprobs = TopLogprobs;
        options.ResponseFormat = ResponseFormat;
        options.JsonSchema = PowerShellData.Unwrap(JsonSchema);
        options.JsonSchemaName = JsonSchemaName;
        options.StrictSchema = StrictSchema.IsPresent ? true : null;
        return options;
    }
}
