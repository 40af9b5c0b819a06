using System;

namespace Evolink.Commands;

/// <summary>What Clear-EvolinkHistory deleted: reads as "Deleted 12 chats from …" and its parts are properties.</summary>
public sealed class ClearedHistory
{
    internal ClearedHistory(string path, int deleted, DateTime? before)
    {
        Path = path;
        Deleted = deleted;
        Before = before;
    }

    /// <summary>How many chats were deleted.</summary>
    public int Deleted { get; }

    /// <summary>The history file.</summary>
    public string Path { get; }

    /// <summary>Only chats before this time were deleted; null when every chat was.</summary>
    public DateTime? Before { get; }

    public override string ToString() =>
        $"Deleted {Deleted} chat{(Deleted == 1 ? string.Empty : "s")}{(Before is { } before ? $" from before {before:yyyy-MM-dd HH:mm}" : string.Empty)} from {Path}";
}
