using System;
using System.Collections;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Chat;
using Evolink.Chat.Input;
using Evolink.Configuration;
using Evolink.History;

namespace Evolink.Commands;

/// <summary>
/// What every command that asks a model shares (Invoke-EvolinkChat,
/// Enter-EvolinkChat, Add-EvolinkProperty): the model, the sampling fields,
/// extra fields and the history, declared once; ranges are the API's.
/// </summary>
public abstract partial class EvolinkModelCmdlet : EvolinkGatewayCmdlet
{
    /// <summary>Any model id; new ones are never refused here. Tab completion offers the models this key may use.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ModelCompleter))]
    [PSDefaultValue(Help = Settings.DefaultModelId + ", or the default saved with Set-EvolinkConfiguration -DefaultModel")]
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

    /// <summary>How much thinking the model does: none, low, medium, high or xhigh; passed through as given.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ReasoningEffortCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ReasoningEffort { get; set; }

    /// <summary>Asks for repeatable sampling where the model supports it.</summary>
    [Parameter]
    public long? Seed { get; set; }

    /// <summary>Other top-level fields sent as they are, e.g. @{ thinking = @{ type = 'enabled' } }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? AdditionalFields { get; set; }

    /// <summary>Leave this call out of the history, when the history is on (Set-EvolinkConfiguration -History).</summary>
    [Parameter]
    public SwitchParameter NoHistory { get; set; }

    /// <summary>Writes each call to the history; null when the history is off or -NoHistory was given.</summary>
    private protected HistoryRecorder? History { get; private set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (Resolved is not null && Resolved.Settings.Value(Settings.History) && !NoHistory)
            History = new HistoryRecorder(HistoryStore.ForCurrentUser(), Resolved.Options.Redactor, Resolved.Options.DefaultModel,
                MyInvocation.Line?.Trim(), message => Post(() => { if (!Stopping) Warning(message); }));
    }

    /// <summary>One call, written to the history when it is on.</summary>
    private protected Task<ChatResponse> Recorded(ChatRequest request, Func<CancellationToken, Task<ChatResponse>> call, CancellationToken token) =>
        History is null ? call(token) : History.Record(request, call, token);

    /// <summary>The request fields every command that asks a model sends.</summary>
    private protected ChatOptions ModelOptions() => new()
    {
        Temperature = Temperature,
        TopP = TopP,
        TopK = TopK,
        MaxTokens = MaxTokens,
        MaxCompletionTokens = MaxCompletionTokens,
        FrequencyPenalty = FrequencyPenalty,
        PresencePenalty = PresencePenalty,
        Stop = Stop,
        ReasoningEffort = ReasoningEffort,
        Seed = Seed,
        ExtraFields = (IDictionary?)PowerShellData.Unwrap(AdditionalFields),
    };
}
