using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Evolink.Generation;

/// <summary>
/// A generation task as the gateway last described it: its status and progress, and when completed the links to
/// its results (valid for 24 hours), or when failed the gateway's business code and message. Read from the reply
/// with failure in mind: an unknown field is ignored, a missing one left empty, a link that is not an absolute URL
/// dropped.
/// </summary>
public sealed class GenerationTask
{
    public string Id { get; set; } = string.Empty;

    public string? Model { get; set; }

    /// <summary>image, video or audio, as the gateway says.</summary>
    public string? Type { get; set; }

    /// <summary>pending, processing, completed or failed.</summary>
    public string Status { get; set; } = "pending";

    /// <summary>0 to 100.</summary>
    public int Progress { get; set; }

    public DateTimeOffset? Created { get; set; }

    /// <summary>The gateway's estimate of the whole task's time.</summary>
    public TimeSpan? EstimatedTime { get; set; }

    public bool? CanCancel { get; set; }

    /// <summary>The credits the create reserved (kept from the create's reply; later reads do not repeat it).</summary>
    public double? CreditsReserved { get; set; }

    public string? BillingRule { get; set; }

    /// <summary>The result links, once completed.</summary>
    public IReadOnlyList<Uri> Results { get; set; } = Array.Empty<Uri>();

    /// <summary>The business error code of a failed task (content_policy_violation, …), and its message.</summary>
    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public string? RequestId { get; set; }

    public bool IsCompleted => Status == "completed";

    public bool IsFailed => Status is "failed" or "cancelled";

    /// <summary>Completed or failed: nothing will change any more.</summary>
    public bool IsFinished => IsCompleted || IsFailed;

    /// <summary>The task in a reply; null when the reply has no task id.</summary>
    public static GenerationTask? From(JsonElement reply)
    {
        if (reply.ValueKind != JsonValueKind.Object || Text(reply, "id") is not { Length: > 0 } id)
            return null;
        var task = new GenerationTask
        {
            Id = id,
            Model = Text(reply, "model"),
            Type = Word(Text(reply, "type")),
            Status = Word(Text(reply, "status") ?? "pending") ?? "unknown",
            Progress = (int)Math.Max(0, Math.Min(100, Number(reply, "progress") ?? 0)),
            Created = Number(reply, "created") is { } created and > 0 and < 32503680000 ? DateTimeOffset.FromUnixTimeSeconds((long)created) : null,
        };
        if (reply.TryGetProperty("task_info", out var info) && info.ValueKind == JsonValueKind.Object)
        {
            task.EstimatedTime = Number(info, "estimated_time") is { } seconds and >= 0 and < 86400 * 7 ? TimeSpan.FromSeconds(seconds) : null;
            task.CanCancel = info.TryGetProperty("can_cancel", out var cancel) && cancel.ValueKind is JsonValueKind.True or JsonValueKind.False ? cancel.GetBoolean() : null;
        }
        if (reply.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            task.CreditsReserved = Number(usage, "credits_reserved");
            task.BillingRule = Text(usage, "billing_rule");
        }
        if (reply.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array)
        {
            task.Results = results.EnumerateArray()
                .Select(r => r.ValueKind == JsonValueKind.String && Uri.TryCreate(r.GetString(), UriKind.Absolute, out var url) ? url : null)
                .Where(url => url is not null).Select(url => url!).Take(100).ToList();
        }
        if (reply.TryGetProperty("error", out var error))
        {
            if (error.ValueKind == JsonValueKind.Object)
            {
                task.ErrorCode = error.TryGetProperty("code", out var code) ? code.ValueKind == JsonValueKind.String ? code.GetString() : code.ToString() : null;
                task.ErrorMessage = Text(error, "message");
            }
            else if (error.ValueKind == JsonValueKind.String)
            {
                task.ErrorMessage = error.GetString();
            }
        }
        return task;
    }

    /// <summary>
    /// A status or type as the API spells them (pending, processing, image, ...), lower-cased; anything else (long,
    /// or with characters beyond letters, digits, '_' and '-') is no word of the API, and is shown in progress text and
    /// activity names, so it is dropped here rather than neutralised at each of them.
    /// </summary>
    private static string? Word(string? text)
    {
        if (text is null || text.Length is 0 or > 32)
            return null;
        foreach (var c in text)
        {
            if (!(c < 128 && (char.IsLetterOrDigit(c) || c is '_' or '-')))
                return null;
        }
        return text.ToLowerInvariant();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && !double.IsNaN(number) && !double.IsInfinity(number) ? number : null;
}
