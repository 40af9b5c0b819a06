using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Batch;
using Evolink.Chat;
using Evolink.Chat.Input;
using Evolink.Enrichment;
using Evolink.Errors;
using Evolink.Runs;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Has the model fill new, typed properties on each piped object, many objects to a request.</para>
/// </summary>
// The properties are added to the objects themselves, as Add-Member -PassThru does: an object keeps its type, its
// format views and its identity (a ServiceController stays one), and nothing is copied. ConfirmImpact Low: each
// object is asked about only with -Confirm; -WhatIf sends nothing and outputs nothing.
[Cmdlet(VerbsCommon.Add, "EvolinkProperty", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(PSObject))]
public sealed partial class AddEvolinkPropertyCommand : EvolinkModelCmdlet
{
    /// <summary>Objects per request when -BatchSize is not given: the module benchmark's measure of prompt tokens per object and time (docs/performance.md).</summary>
    public const int DefaultBatchSize = 20;

    private PropertyFiller? _filler;
    private ChatOptions? _options;
    private BatchProgress? _progress;
    private PipelineBatch<FillResult?>? _batch;
    private List<Entry> _waiting = new();
    private int _waitingRows;
    private long _position;

    /// <summary>The objects to fill: any object, from the pipeline.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>
    /// The properties to add, name to declaration: a description (text), a type ([int], [long], [double], [bool],
    /// [datetime], [string]), the allowed values ('low', 'high'), or a JSON-schema fragment (a hashtable).
    /// Use [ordered]@{} to keep the order you wrote.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public IDictionary? Property { get; set; }

    /// <summary>What the model is to do with the objects, sent once per request before them.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Instructions { get; set; }

    /// <summary>The properties of each object the model is shown (wildcards allowed); otherwise its default display properties, or all its simple ones.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? InputProperty { get; set; }

    /// <summary>Properties that must have a value (wildcards allowed); the others may be left $null when the model cannot tell.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Required { get; set; }

    /// <summary>How many objects go in one request; the instructions and the declarations are paid for once per request.</summary>
    [Parameter]
    [ValidateRange(1, 100)]
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>How many times an object the model missed or answered wrongly is asked again on its own, 0 to 5; default 2.</summary>
    [Parameter]
    [ValidateRange(0, 5)]
    public int RowRetryCount { get; set; } = PropertyFiller.DefaultRetries;

    /// <summary>How many requests may be in flight at once (1: one after another).</summary>
    [Parameter]
    [ValidateRange(1, 128)]
    public int ThrottleLimit { get; set; } = 1;

    /// <summary>With -ThrottleLimit: output each request's objects as it completes, not in input order.</summary>
    [Parameter]
    public SwitchParameter Unordered { get; set; }

    /// <summary>Replace the value of a property the object already has, instead of stopping.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            _filler = new PropertyFiller(PropertyDeclarations.Read(Property!, Required), Instructions, Client!.Options.Redactor, RowRetryCount);
            _options = ModelOptions();
            // A bad extra field fails every request alike: said once, here.
            _options.ApplyTo(new ChatRequest(), ResolvePath);
        }
        catch (EvolinkException ex)
        {
            ThrowEvolinkError(ex, Property);
        }
        _progress = new BatchProgress(this, MyInvocation.ExpectingInput && HostInput.SomeoneWatchesProgress(this), "Evolink properties");
        _batch = Batch<FillResult?>(ThrottleLimit, ordered: !Unordered, Deliver);
    }

    protected override void ProcessRecord()
    {
        _position++;
        if (InputObject is null)
        {
            Wait(new Entry(null, _position, null, new EvolinkException(EvolinkErrorKind.InvalidInput,
                "The input is $null, so there is nothing to fill. Skip empty input with Where-Object { $_ }.")));
            return;
        }
        RefuseClash(InputObject);
        Row? row = null;
        EvolinkException? refusal = null;
        try
        {
            row = Row.Of(_position, RowFields.Of(InputObject, InputProperty));
        }
        catch (EvolinkException ex)
        {
            refusal = ex;
        }
        if (!ShouldProcess($"input {_position}: {ScreenText.OneLine(row?.ToString() ?? InputObject.ToString())}", "Fill properties " + string.Join(", ", _filler!.Schema.Properties.Select(p => p.Name))))
            return;
        Wait(new Entry(InputObject, _position, row, refusal));
    }

    protected override void EndProcessing()
    {
        Send();
        _batch!.Drain();
        _progress!.Complete();
    }

    /// <summary>A property the object has already is kept unless -Force: a script should not lose a column by accident.</summary>
    private void RefuseClash(PSObject input)
    {
        if (Force)
            return;
        // A string or a number comes back as an object with its Value (see Filled): only that name is taken.
        var scalar = input.BaseObject is string or ValueType;
        foreach (var spec in _filler!.Schema.Properties)
        {
            if (scalar ? string.Equals(spec.Name, "Value", StringComparison.OrdinalIgnoreCase) : input.Properties[spec.Name] is not null)
                ThrowEvolinkError(new EvolinkException(EvolinkErrorKind.InvalidInput,
                    $"Input {_position} already has a property '{spec.Name}'. Give -Force to replace its value, or choose another name in -Property."), input);
        }
    }

    /// <summary>An object waits until a request's worth has come (or the input ends); refused ones wait too, so errors keep input order.</summary>
    private void Wait(Entry entry)
    {
        _progress!.Added();
        _waiting.Add(entry);
        if (entry.Row is not null && ++_waitingRows >= BatchSize)
            Send();
    }

    private void Send()
    {
        if (_waiting.Count == 0)
            return;
        var group = _waiting;
        _waiting = new List<Entry>();
        _waitingRows = 0;
        var rows = group.Where(e => e.Row is not null).Select(e => e.Row!).ToArray();
        if (rows.Length == 0)
        {
            _batch!.Add(group, _ => Task.FromResult<FillResult?>(null));
            return;
        }
        // The first request of a group is planned here, on the pipeline thread, in input order: its key is the same in every run.
        RunStep? step = null;
        if (Ledger() is { } ledger)
        {
            step = ledger.Plan(Client!.RequestBody(Request(rows)), streamed: false, rows[0].Position);
            if (step.OtherShard)
            {
                Verbose($"Inputs {rows[0].Position} to {rows[rows.Length - 1].Position} are left to another shard (this is shard {ledger.Shard}).");
                foreach (var _ in group)
                    _progress!.Finished(failed: false);
                return;
            }
        }
        _batch!.Add(group, async token => await _filler!.FillAsync(rows, (asked, t) => Ask(asked, ReferenceEquals(asked, rows) ? step : null, t), token).ConfigureAwait(false));
    }

    private ChatRequest Request(IReadOnlyList<Row> rows)
    {
        var request = _filler!.RequestFor(rows, Model);
        _options!.ApplyTo(request, ResolvePath);
        return request;
    }

    /// <summary>One request for these rows, through the run's ledger when it keeps one: recorded answers are not asked for again.</summary>
    private Task<ChatResponse> Ask(IReadOnlyList<Row> rows, RunStep? step, CancellationToken token)
    {
        var request = Request(rows);
        if (OpenedLedger is { } ledger)
        {
            step ??= ledger.Plan(Client!.RequestBody(request), streamed: false, rows[0].Position, followUp: true);
            if (step.Recorded is { } recorded)
                return Task.FromResult(Client!.Restore(request, recorded));
            if (ledger.Journal is not null)
                request.IdempotencyKey = step.IdempotencyKey;
        }
        return Sent(step, request, t => Client!.CompleteAsync(request, t), token);
    }

    private void Deliver(BatchItem<FillResult?> item)
    {
        var group = (List<Entry>)item.Input!;
        if (item.Error is OperationCanceledException && Cancellation.IsCancellationRequested)
            return;
        var result = item.Result;
        if (result is not null)
        {
            long tokens = 0;
            foreach (var reply in result.Replies.Where(r => !r.FromJournal && !r.FromCache))
            {
                SessionUsage.Add(reply);
                tokens += reply.Usage?.TotalTokens ?? 0;
            }
            _progress!.Spent(tokens);
            Verbose($"{result.Outcomes.Count} object(s) filled in {result.Replies.Count} request(s), {tokens} tokens.");
        }
        foreach (var entry in group)
        {
            var outcome = entry.Row is null ? null : result?.Outcomes.FirstOrDefault(o => ReferenceEquals(o.Row, entry.Row));
            var error = entry.Refusal ?? outcome?.Error ??
                (outcome is null ? new EvolinkException(EvolinkErrorKind.Unknown, item.Error?.Message ?? "The request ended without an outcome.", item.Error) : null);
            _progress!.Finished(error is not null);
            if (error is null)
            {
                WriteObject(Filled(entry.Input!, outcome!.Values!));
                continue;
            }
            switch (error.Kind)
            {
                case EvolinkErrorKind.Journal:
                    StopForJournal(error, Journal);
                    break;
                // The gateway refused the request itself (such as a schema it cannot use): every request would fail alike.
                case EvolinkErrorKind.InvalidRequest or EvolinkErrorKind.Authentication when outcome is { Attempts: 1 }:
                    ThrowEvolinkError(error, entry.Input);
                    break;
                default:
                    WriteEvolinkError(error, entry.Input, entry.Position);
                    break;
            }
        }
    }

    /// <summary>
    /// The object with its new properties: a value the object had under that name is replaced (only with -Force, see
    /// <see cref="RefuseClash"/>). A string or a number cannot show properties, so it comes back as an object whose
    /// Value it is, beside the new properties.
    /// </summary>
    private static PSObject Filled(PSObject input, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        if (input.BaseObject is string or ValueType)
        {
            var holder = new PSObject();
            holder.Properties.Add(new PSNoteProperty("Value", input.BaseObject));
            input = holder;
        }
        foreach (var pair in values)
        {
            var value = PowerShellData.ToPowerShell(pair.Value);
            if (input.Properties[pair.Key] is PSNoteProperty note)
                note.Value = value;
            else
                // Pre-validated: an instance member may shadow a .NET property of the same name.
                input.Properties.Add(new PSNoteProperty(pair.Key, value), preValidated: true);
        }
        return input;
    }

    private string ResolvePath(string path) => GetUnresolvedProviderPathFromPSPath(path);

    protected override void Release()
    {
        _batch?.Dispose();
        base.Release();
    }

    /// <summary>One input as it waits for its request: its object and position, and its row or why it has none.</summary>
    private sealed class Entry
    {
        public Entry(PSObject? input, long position, Row? row, EvolinkException? refusal)
        {
            Input = input;
            Position = position;
            Row = row;
            Refusal = refusal;
        }

        public PSObject? Input { get; }
        public long Position { get; }
        public Row? Row { get; }
        public EvolinkException? Refusal { get; }
    }
}
