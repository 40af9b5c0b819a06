using System;

namespace Evolink.Uploads;

/// <summary>A file on the gateway's file service: the URL to give as a reference image, valid for 72 hours.</summary>
public sealed class UploadedFile
{
    public string? Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public Uri Url { get; set; } = null!;

    public long Length { get; set; }

    public string? ContentType { get; set; }

    /// <summary>When the service removes it (72 hours after the upload, unless it said otherwise).</summary>
    public DateTimeOffset? Expires { get; set; }

    /// <summary>The local file it was made from, if any.</summary>
    public string? Source { get; set; }
}
