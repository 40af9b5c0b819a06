using System.Collections.Generic;
using Evolink.Errors;

namespace Evolink.Enrichment;

/// <summary>What became of one row: its filled values by property name (in declaration order), or the error that says why not.</summary>
public sealed class RowOutcome
{
    internal RowOutcome(Row row, IReadOnlyList<KeyValuePair<string, object?>>? values, EvolinkException? error, int attempts)
    {
        Row = row;
        Values = values;
        Error = error;
        Attempts = attempts;
    }

    public Row Row { get; }

    /// <summary>The typed values (<see cref="int"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="System.DateTime"/>, <see cref="string"/>, plain data, or null), or null when the row failed.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>>? Values { get; }

    public EvolinkException? Error { get; }

    /// <summary>How many requests asked for this row: 1, or more when it was asked again alone.</summary>
    public int Attempts { get; }
}
