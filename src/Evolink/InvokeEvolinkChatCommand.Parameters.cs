using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Evolink.Commands;

/// <summary>The request fields and connection settings of Invoke-EvolinkChat; ranges are the API's.</summary>
public sealed partial class InvokeEvolinkChatCommand
{
    /// <summary>Any model id; new ones are never refused here. Tab completion offers the models this key may use.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ModelCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Model { get; set; }

    /// <summary>Sampling temperature, 0 to 2; higher is more random.</summary>
    [Parameter]
    [ValidateRange(0.0, 2.0)]
    public double? Temperature { get; set; }

    /// <summary>Nucleus sampling: only tokens within this probability mass, 0 to 1.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double? TopP { get; set; }

    /// <summary>Only the K most likely tokens are sampled from.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? TopK { get; set; }

    /// <summary>The legacy max_tokens field.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? MaxTokens { get; set; }

    /// <summary>The most tokens the reply may have (max_completion_tokens), 1 to 65536.</summary>
    [Parameter]
    [ValidateRange(1, 65536)]
    public int? MaxCompletionTokens { get; set; }

    /// <summary>Penalty for tokens by how often they already appeared, -2 to 2.</summary>
    [Parameter]
    [ValidateRange(-2.0, 2.0)]
    public double? FrequencyPenalty { get; set; }

    /// <summary>Penalty for tokens that already appeared at all, -2 to 2.</summary>
    [Parameter]
    [ValidateRange(-2.0, 2.0)]
    public double? PresencePenalty { get; set; }

    /// <summary>Up to 16 sequences at which the model stops writing.</summary>
    [Parameter]
    [ValidateCount(1, 16)]
    [ValidateNotNullOrEmpty]
    public string[]? Stop { get; set; }

    /// <summary>How many candidate replies (the API's n).</summary>
    [Parameter]
    [ValidateRange(1, 128)]
    public int? Count { get; set; }

    /// <summary>How much thinking the model does: none, low, medium, high or xhigh; passed through as given.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ReasoningEffortCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ReasoningEffort { get; set; }

    /// <summary>Asks for repeatable sampling where the model supports it.</summary>
    [Parameter]
    public long? Seed { get; set; }

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
    [ValidateNotNull]
    public object? JsonSchema { get; set; }

    /// <summary>The schema's name sent with -JsonSchema; "response" when left out.</summary>
    [Parameter]
    [ValidatePattern("^[A-Za-z0-9_-]{1,64}$")]
    public string? JsonSchemaName { get; set; }

    /// <summary>Ask the model to follow -JsonSchema strictly (strict: true).</summary>
    [Parameter]
    public SwitchParameter StrictSchema { get; set; }

    /// <summary>Tools the model may call: from New-EvolinkTool (run here, each call through -WhatIf/-Confirm), or definitions as hashtables or JSON text (their calls are returned to you).</summary>
    [Parameter]
    [Alias("Tool")]
    [ValidateNotNullOrEmpty]
    public object[]? Tools { get; set; }

    /// <summary>How many rounds of tool calls are run before the chat stops; default 5.</summary>
    [Parameter]
    [ValidateRange(1, 50)]
    public int MaximumToolRounds { get; set; } = 5;

    /// <summary>Run the model's tool calls without asking for each one; for trusted scripts. -WhatIf and -Confirm still apply.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>none, auto, required, or the name of one tool.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ToolChoice { get; set; }

    /// <summary>Other top-level fields sent as they are, e.g. @{ thinking = @{ type = 'enabled' } }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? AdditionalFields { get; set; }

    /// <summary>How many requests may be in flight at once across pipeline inputs (1: one after another).</summary>
    [Parameter]
    [ValidateRange(1, 128)]
    public int ThrottleLimit { get; set; } = 1;

    /// <summary>With -ThrottleLimit: output each reply as it completes (its Input property says which), not in input order.</summary>
    [Parameter]
    public SwitchParameter Unordered { get; set; }

    private List<PowerShellTool> RunnableTools =>
        (Tools ?? Array.Empty<object>()).Select(t => PowerShellData.Unwrap(t)).OfType<PowerShellTool>().Where(t => t.CanRun).ToList();

    private ChatOptions RequestOptions() => new()
    {
        Temperature = Temperature,
        TopP = TopP,
        TopK = TopK,
        MaxTokens = MaxTokens,
        MaxCompletionTokens = MaxCompletionTokens,
        FrequencyPenalty = FrequencyPenalty,
        PresencePenalty = PresencePenalty,
        Stop = Stop,
        Count = Count,
        ReasoningEffort = ReasoningEffort,
        Seed = Seed,
        Logprobs = Logprobs.IsPresent ? true : null,
        TopLogprobs = TopLogprobs,
        ResponseFormat = ResponseFormat,
        JsonSchema = PowerShellData.Unwrap(JsonSchema),
        JsonSchemaName = JsonSchemaName,
        StrictSchema = StrictSchema.IsPresent ? true : null,
        Tools = Tools?.Select(tool => PowerShellData.Unwrap(tool) is PowerShellTool runnable ? runnable.Definition : PowerShellData.Unwrap(tool)!).ToList(),
        ToolChoice = ToolChoice,
        ExtraFields = (IDictionary?)PowerShellData.Unwrap(AdditionalFields),
    };
}
