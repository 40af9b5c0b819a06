using System.Collections.Generic;
using Evolink.Chat;

namespace Evolink.Enrichment;

/// <summary>The outcome of every row of one fill (in row order) and every reply it took, for their usage.</summary>
public sealed class FillResult
{
    internal FillResult(IReadOnlyList<RowOutcome> outcomes, IReadOnlyList<ChatResponse> replies)
    {
        Outcomes = outcomes;
        Replies = replies;
    }

    public IReadOnlyList<RowOutcome> Outcomes { get; }
    public IReadOnlyList<ChatResponse> Replies { get; }
}
