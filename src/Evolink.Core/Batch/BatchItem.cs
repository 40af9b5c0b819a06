using System;

namespace Evolink.Batch;

/// <summary>One input's outcome in a batch: exactly one of a result or an error.</summary>
public sealed class BatchItem<T>
{
    internal BatchItem(long index, object? input)
    {
        Index = index;
        Input = input;
    }

    /// <summary>The input's position, from 0, in the order it was added.</summary>
    public long Index { get; }

    public object? Input { get; }

    public T? Result { get; internal set; }

    public Exception? Error { get; internal set; }

    /// <summary>From the moment a slot was free to the end of the work.</summary>
    public TimeSpan Elapsed { get; internal set; }

    public bool Succeeded => Error is null;
}
