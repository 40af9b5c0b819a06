using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Evolink.Chat;
using Evolink.Configuration;
using Evolink.Serialization;

namespace Evolink.Streaming;

/// <summary>
/// Turns streamed chunks into the response a non-streamed call would have
/// returned: text and reasoning joined per choice, tool-call fragments joined
/// per call, finish reasons, the usage chunk, model and ids.
/// </summary>
public sealed class ChatStreamAssembler
{
    /// <summary>The most choices (the API's n) a reply may carry; an index past them is a broken reply.</summary>
    internal const int MaximumChoices = 128;

    /// <summary>A streamed choice may have at most this many tool calls.</summary>
    internal const int MaximumToolCallsPerChoice = 128;

    private readonly SortedDictionary<int, ChoiceState> _choices = new();
    private ChoiceState? _firstChoice;
    private string? _id;
    private string? _model;
    private System.DateTimeOffset? _created;
    private string? _fingerprint;
    private Usage? _usage;

    public string? RequestId { get; set; }

    /// <summary>From the reply's headers: the gateway replayed what it kept for the idempotency key.</summary>
    public bool IdempotencyReplayed { get; set; }

    /// <summary>From the reply's headers: answered from a replay file used as a cache.</summary>
    public bool FromCache { get; set; }

    /// <summary>True once at least one choice exists and every choice has a finish reason.</summary>
    public bool AllChoicesFinished => _choices.Count > 0 && _choices.Values.All(c => c.FinishReason is not null);

    [MethodImpl(HotPath.Optimized)]
    public void Add(ChatChunk chunk)
    {
        _id ??= chunk.Id;
        _model ??= chunk.Model;
        _created ??= chunk.Created;
        _fingerprint ??= chunk.SystemFingerprint;
        if (chunk.Usage is not null)
            _usage = chunk.Usage;
        foreach (var choice in chunk.Choices)
        {
            // Nearly every chunk is for choice 0: skip the dictionary for it.
            var state = choice.Index == 0 && _firstChoice is not null ? _firstChoice : Find(choice.Index);
            state.Add(choice);
        }
    }

    private ChoiceState Find(int index)
    {
        if (!_choices.TryGetValue(index, out var state))
        {
            if (index < 0 || _choices.Count >= MaximumChoices)
                throw new System.IO.InvalidDataException($"choice index {index} is negative or more than {MaximumChoices} choices arrived.");
            _choices[index] = state = new ChoiceState();
            if (index == 0)
                _firstChoice = state;
        }
        return state;
    }

    /// <summary>The reply so far: whole after a normal end, partial after a failure.</summary>
    public ChatResponse ToResponse() => new()
    {
        Id = _id,
        Object = "chat.completion",
        Created = _created,
        Model = _model,
        SystemFingerprint = _fingerprint,
        Usage = _usage,
        RequestId = RequestId,
        IdempotencyReplayed = IdempotencyReplayed,
        FromCache = FromCache,
        Choices = _choices.Select(pair => pair.Value.ToChoice(pair.Key)).ToList(),
    };

    private sealed class ChoiceState
    {
        private readonly List<ToolCall> _calls = new();
        private readonly List<StringBuilder> _arguments = new();
        private StringBuilder? _content;
        private StringBuilder? _reasoning;
        private List<TokenLogprob>? _logprobs;
        private string? _role;

        public string? FinishReason { get; private set; }

        [MethodImpl(HotPath.Optimized)]
        public void Add(ChunkChoice choice)
        {
            FinishReason = choice.FinishReason ?? FinishReason;
            if (choice.Logprobs?.Content is { } tokens)
                (_logprobs ??= new List<TokenLogprob>()).AddRange(tokens);
            var delta = choice.Delta;
            if (delta is null)
                return;
            _role ??= delta.Role;
            if (delta.Content is not null)
                (_content ??= new StringBuilder()).Append(delta.Content);
            if (delta.ReasoningContent is not null)
                (_reasoning ??= new StringBuilder()).Append(delta.ReasoningContent);
            if (delta.ToolCalls is not null)
            {
                foreach (var fragment in delta.ToolCalls)
                    AddFragment(fragment);
            }
        }

        /// <summary>
        /// A fragment belongs to the call its index names; without an index
        /// (some Gemini backends), a new id starts a new call and anything
        /// else continues the last one.
        /// </summary>
        private void AddFragment(ToolCall fragment)
        {
            int slot;
            if (fragment.Index is { } index)
            {
                // A call's index names the next call or one already begun; a far-off one would make room for millions.
                if (index < 0 || index > _calls.Count || index >= MaximumToolCallsPerChoice)
                    throw new System.IO.InvalidDataException($"tool call index {index} does not follow the {_calls.Count} call(s) seen so far.");
                slot = index;
            }
            else if (_calls.Count == 0 || (fragment.Id is not null && fragment.Id != _calls[_calls.Count - 1].Id))
                slot = _calls.Count;
            else
                slot = _calls.Count - 1;
            while (_calls.Count <= slot)
            {
                _calls.Add(new ToolCall());
                _arguments.Add(new StringBuilder());
            }
            var call = _calls[slot];
            call.Id ??= fragment.Id;
            call.Type ??= fragment.Type;
            if (fragment.Function?.Name is { } name)
                (call.Function ??= new FunctionCall()).Name ??= name;
            if (fragment.Function?.Arguments is { } arguments)
                _arguments[slot].Append(arguments);
        }

        public ChatChoice ToChoice(int index) => new()
        {
            Index = index,
            FinishReason = FinishReason,
            Logprobs = _logprobs is null ? null : new ChoiceLogprobs { Content = _logprobs },
            Message = new ChatMessage
            {
                Role = _role ?? ChatRole.Assistant,
                Content = _content is null ? null : new MessageContent(_content.ToString()),
                ReasoningContent = _reasoning?.ToString(),
                ToolCalls = _calls.Count == 0 ? null : _calls.Select((call, i) => new ToolCall
                {
                    Id = call.Id,
                    Type = call.Type ?? "function",
                    Function = new FunctionCall { Name = call.Function?.Name, Arguments = _arguments[i].ToString() },
                }).ToList(),
            },
        };
    }
}
