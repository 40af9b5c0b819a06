using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Chat;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Enrichment;

/// <summary>
/// Has the model fill declared properties for many rows at once: the
/// instructions and the schema go once per request, the rows as one compact
/// JSON list, and the answers come back matched by each row's number in the
/// request. A row the reply left out or answered wrongly is asked again on its
/// own, up to <see cref="Retries"/> times; after that it is an error of its own.
/// </summary>
public sealed class PropertyFiller
{
    /// <summary>How many times a row the model missed is asked again alone.</summary>
    public const int DefaultRetries = 2;

    private readonly string _system;
    private readonly object _responseFormat;
    private readonly SecretRedactor _redactor;

    public PropertyFiller(IReadOnlyList<PropertySpec> properties, string? instructions, SecretRedactor redactor, int retries = DefaultRetries)
    {
        var duplicate = properties.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new EvolinkException(EvolinkErrorKind.InvalidInput, $"The property '{duplicate.Key}' is declared twice (names are compared without case).");
        if (properties.Count == 0)
            throw new EvolinkException(EvolinkErrorKind.InvalidInput, "No property is declared, so there is nothing to fill.");
        Schema = new RowSchema(properties);
        Retries = retries;
        _redactor = redactor;
        _system = (string.IsNullOrWhiteSpace(instructions) ? string.Empty : instructions!.Trim() + "\n\n") +
            "The user message is a JSON array of records; each has a \"" + PropertySpec.RowKey + "\" number. For every record, fill in these properties from what that record says:\n" +
            Schema.Describe() + "\n" +
            "Answer with JSON only: {\"rows\": [{\"" + PropertySpec.RowKey + "\": the record's number, and each property}]}, one entry for every record. " +
            "Give null for a property you cannot tell, unless it says to always give one.";
        // Strict mode makes the model keep to the schema, but a provider refuses a strict schema whose fragments it
        // cannot enforce; with a user's own fragment the rows are still checked here, one by one.
        var strict = properties.All(p => p.Kind != PropertyKind.Schema);
        _responseFormat = new Dictionary<string, object?>
        {
            ["type"] = "json_schema",
            ["json_schema"] = new Dictionary<string, object?> { ["name"] = RowSchema.Name, ["strict"] = strict, ["schema"] = Schema.Reply },
        };
    }

    public RowSchema Schema { get; }
    public int Retries { get; }

    /// <summary>
    /// The request that asks for these rows: the instructions as the system message, the rows as the user message,
    /// the reply's schema as its response format. The caller adds the model's options and sends it.
    /// The reply is checked here row by row, not whole, so one bad row does not fail the others.
    /// </summary>
    public ChatRequest RequestFor(IReadOnlyList<Row> rows, string? model)
    {
        var list = "[" + string.Join(",", rows.Select((row, i) => row.Numbered(i + 1))) + "]";
        var request = ChatRequests.For(model, _system, new[] { ChatMessage.User(list) });
        request.SetExtraField("response_format", _responseFormat);
        return request;
    }

    /// <summary>
    /// Fills the rows: one request for them all through <paramref name="ask"/>, then each missed row alone.
    /// A failure of the first request is every row's error; a failure of a row's own request is that row's.
    /// </summary>
    public async Task<FillResult> FillAsync(IReadOnlyList<Row> rows, Func<IReadOnlyList<Row>, CancellationToken, Task<ChatResponse>> ask, CancellationToken cancellationToken)
    {
        var replies = new List<ChatResponse>();
        var outcomes = new RowOutcome[rows.Count];
        ChatResponse first;
        try
        {
            first = await ask(rows, cancellationToken).ConfigureAwait(false);
        }
        catch (EvolinkException error) when (!cancellationToken.IsCancellationRequested)
        {
            for (var i = 0; i < rows.Count; i++)
                outcomes[i] = new RowOutcome(rows[i], null, error, 1);
            return new FillResult(outcomes, replies);
        }
        replies.Add(first);
        var answers = RowAnswers.Read(first.Text, rows.Count, Schema);
        for (var i = 0; i < rows.Count; i++)
        {
            outcomes[i] = answers[i].Values is { } values
                ? new RowOutcome(rows[i], values, null, 1)
                : await AgainAloneAsync(rows[i], answers[i].Problem!, first, ask, replies, cancellationToken).ConfigureAwait(false);
        }
        return new FillResult(outcomes, replies);
    }

    private async Task<RowOutcome> AgainAloneAsync(Row row, string problem, ChatResponse reply, Func<IReadOnlyList<Row>, CancellationToken, Task<ChatResponse>> ask,
        List<ChatResponse> replies, CancellationToken cancellationToken)
    {
        var attempts = 1;
        var alone = new[] { row };
        while (attempts <= Retries)
        {
            attempts++;
            try
            {
                reply = await ask(alone, cancellationToken).ConfigureAwait(false);
            }
            catch (EvolinkException error) when (!cancellationToken.IsCancellationRequested)
            {
                return new RowOutcome(row, null, error, attempts);
            }
            replies.Add(reply);
            var answer = RowAnswers.Read(reply.Text, 1, Schema)[0];
            if (answer.Values is { } values)
                return new RowOutcome(row, values, null, attempts);
            problem = answer.Problem!;
        }
        var failure = new EvolinkException(EvolinkErrorKind.PropertyNotFilled,
            _redactor.Redact($"The model did not fill the declared properties ({problem}; asked {attempts} time{(attempts == 1 ? "" : "s")}).")!,
            remedy: EvolinkRemedy.ClarifyProperties)
        { RequestId = reply.RequestId, PartialResponse = reply };
        return new RowOutcome(row, null, failure, attempts);
    }
}
