using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Chat;
using Evolink.Errors;

namespace Evolink.ToolCalling;

/// <summary>
/// Chats with tools: when the reply asks for tool calls, each call is checked
/// against the tools the caller supplied, run, and answered with a tool
/// message; then the conversation goes back to the model, until it answers
/// without calls or the round limit is reached. Parallel calls in one reply
/// are all answered, in order.
/// </summary>
public sealed class ToolLoop
{
    private readonly EvolinkClient _client;
    private readonly IToolRunner _runner;
    private readonly ToolLoopOptions _options;

    public ToolLoop(EvolinkClient client, IToolRunner runner, ToolLoopOptions? options = null)
    {
        _client = client;
        _runner = runner;
        _options = options ?? new ToolLoopOptions();
    }

    /// <param name="onChunk">With <paramref name="stream"/>: each chunk of every round, as it arrives.</param>
    public async Task<ChatResponse> RunAsync(ChatRequest request, bool stream, Action<ChatChunk>? onChunk, CancellationToken cancellationToken)
    {
        var supplied = new HashSet<string>((request.Tools ?? new List<ToolDefinition>()).Select(t => t.Function.Name), StringComparer.Ordinal);
        var declared = (request.Tools ?? new List<ToolDefinition>()).GroupBy(t => t.Function.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => DeclaredArguments(g.First()), StringComparer.Ordinal);
        var current = request.Copy();
        current.Messages = new List<ChatMessage>(request.Messages);
        for (var round = 0; ; round++)
        {
            var reply = stream
                ? await _client.StreamAsync(current, cancellationToken).ToResponseAsync(onChunk, cancellationToken).ConfigureAwait(false)
                : await _client.CompleteAsync(current, cancellationToken).ConfigureAwait(false);
            var answer = reply.Choices.FirstOrDefault()?.Message;
            var calls = answer?.ToolCalls;
            if (calls is null || calls.Count == 0 || calls.Any(c => supplied.Contains(c.Function?.Name ?? string.Empty) && !_runner.CanRun(c.Function!.Name!)))
                return reply;
            if (round >= _options.MaximumToolRounds)
            {
                throw new EvolinkException(EvolinkErrorKind.ToolRoundLimit,
                    $"The model still asked for tools after {_options.MaximumToolRounds} rounds; the chat was stopped there. " +
                    "The last reply is kept on the error's PartialResponse.", remedy: EvolinkRemedy.ToolRoundLimit)
                {
                    RequestId = reply.RequestId,
                    PartialResponse = reply,
                };
            }
            current.Messages.Add(answer!);
            foreach (var call in calls)
                current.Messages.Add(ChatMessage.Tool(call.Id ?? string.Empty, await AnswerAsync(call, supplied, declared, cancellationToken).ConfigureAwait(false)));
        }
    }

    /// <summary>The argument names a tool's schema declares; null when it declares none (any object is then passed on).</summary>
    private static HashSet<string>? DeclaredArguments(ToolDefinition tool)
    {
        if (tool.Function.Parameters is not { ValueKind: JsonValueKind.Object } schema
            || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            return null;
        return new HashSet<string>(properties.EnumerateObject().Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
    }

    private async Task<string> AnswerAsync(ToolCall call, HashSet<string> supplied, Dictionary<string, HashSet<string>?> declared, CancellationToken cancellationToken)
    {
        var name = call.Function?.Name ?? string.Empty;
        if (!supplied.Contains(name))
            return $"Error: there is no tool named '{name}'. The tools you may call are: {string.Join(", ", supplied.OrderBy(n => n, StringComparer.Ordinal))}.";
        JsonElement arguments;
        try
        {
            var text = string.IsNullOrWhiteSpace(call.Function?.Arguments) ? "{}" : call.Function!.Arguments!;
            using var document = JsonDocument.Parse(text);
            arguments = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return $"Error: the arguments for '{name}' are not valid JSON ({ex.Message}). Send them again as one JSON object.";
        }
        if (arguments.ValueKind != JsonValueKind.Object)
            return $"Error: the arguments for '{name}' must be a JSON object of parameter names and values.";
        // Only what the schema offers: an undeclared argument could switch on behaviour the tool's author never exposed.
        if (declared.TryGetValue(name, out var allowed) && allowed is not null)
        {
            var unknown = arguments.EnumerateObject().Select(p => p.Name).Where(n => !allowed.Contains(n)).ToList();
            if (unknown.Count > 0)
                return Cap($"Error: '{name}' has no argument {string.Join(", ", unknown.Select(n => $"'{n}'"))}; nothing was run. " +
                           $"Its arguments are: {(allowed.Count == 0 ? "none" : string.Join(", ", allowed.OrderBy(n => n, StringComparer.Ordinal)))}.");
        }
        string output;
        try
        {
            output = await _runner.RunAsync(name, ToolSchema.Arguments(arguments), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Cap($"Error: '{name}' failed: {ex.Message}");
        }
        return Cap(output ?? string.Empty);
    }

    /// <summary>What goes back to the model: the key masked (a command may print it) before it is cut to the limit.</summary>
    private string Cap(string output)
    {
        output = _client.Options.Redactor.Redact(output)!;
        var limit = _options.MaximumResultCharacters;
        if (output.Length <= limit)
            return output;
        return output.Substring(0, limit) + $"\n[Output cut: the first {limit} of {output.Length} characters are shown.]";
    }
}
