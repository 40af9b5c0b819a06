using System;
using System.Globalization;
using Evolink.Errors;

namespace Evolink.Runs;

/// <summary>
/// One of n parts of a run's inputs, chosen by each request's key: n
/// machines given the same inputs and shards 1 to n each take a different
/// part and together take every input once, with no coordination.
/// </summary>
public sealed class Shard
{
    private Shard(int number, int count)
    {
        Number = number;
        Count = count;
    }

    /// <summary>Which part, from 1.</summary>
    public int Number { get; }

    /// <summary>Into how many parts the inputs are split.</summary>
    public int Count { get; }

    /// <summary>Reads "i/n" (1 ≤ i ≤ n ≤ 1000).</summary>
    public static Shard Parse(string text)
    {
        var parts = (text ?? string.Empty).Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= 1000 && number >= 1 && number <= count)
            return new Shard(number, count);
        throw new EvolinkException(EvolinkErrorKind.InvalidInput,
            $"'{text}' is not a shard. Write it as i/n, the part i (from 1) of n parts, such as 1/4 to 4/4; n is at most 1000.");
    }

    /// <summary>Whether the request with this key is this shard's to send.</summary>
    public bool Takes(string requestKey) => Count == 1 || RequestKeys.Spread(requestKey) % (uint)Count == (uint)(Number - 1);

    public override string ToString() => $"{Number}/{Count}";
}
