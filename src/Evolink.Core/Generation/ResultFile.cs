using System;

namespace Evolink.Generation;

/// <summary>One result of a generation task saved to disk: where, how large, of what type, and from which task.</summary>
public sealed class ResultFile
{
    public string Path { get; set; } = string.Empty;

    public long Length { get; set; }

    /// <summary>The media type the link answered with (image/png, video/mp4, audio/mpeg, …).</summary>
    public string? ContentType { get; set; }

    public string TaskId { get; set; } = string.Empty;

    public string? Model { get; set; }

    /// <summary>image, video or audio.</summary>
    public string? Type { get; set; }

    /// <summary>The credits the task reserved, when this command started it.</summary>
    public double? Credits { get; set; }

    /// <summary>The link it was fetched from (valid for 24 hours after the task completed).</summary>
    public Uri? Url { get; set; }

    /// <summary>Which of the task's results it is, from 0.</summary>
    public int Index { get; set; }
}
