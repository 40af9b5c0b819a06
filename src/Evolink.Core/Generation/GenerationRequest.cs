using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Evolink.Generation;

/// <summary>
/// One image, video or audio generation as the gateway takes it: model and prompt, and where the kind has them a
/// size or aspect ratio, a quality, a duration, how many, reference images, and any field of the model's own.
/// </summary>
public sealed class GenerationRequest
{
    public GenerationKind Kind { get; set; }

    public string Model { get; set; } = string.Empty;

    public string Prompt { get; set; } = string.Empty;

    /// <summary>An aspect ratio (1:1, 16:9, auto, …) or a size, as the model names them.</summary>
    public string? Size { get; set; }

    /// <summary>0.5K, 1K, 2K, 4K on the models that have it.</summary>
    public string? Quality { get; set; }

    /// <summary>Seconds of video or audio.</summary>
    public int? DurationSeconds { get; set; }

    /// <summary>How many results (images).</summary>
    public int? Count { get; set; }

    /// <summary>Reference images: https URLs (a local file is uploaded first and given as its URL).</summary>
    public IReadOnlyList<Uri> ReferenceImages { get; set; } = Array.Empty<Uri>();

    /// <summary>Fields of the model's own (plain data: text, numbers, lists, dictionaries), sent as they are; a field named here replaces one this request sets.</summary>
    public IDictionary? AdditionalFields { get; set; }

    /// <summary>The endpoint of the kind, under the gateway's root.</summary>
    public string Path => Kind switch
    {
        GenerationKind.Video => "v1/videos/generations",
        GenerationKind.Audio => "v1/audios/generations",
        _ => "v1/images/generations",
    };

    /// <summary>The body as sent.</summary>
    public byte[] ToUtf8Json()
    {
        var extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (DictionaryEntry field in AdditionalFields ?? new Hashtable())
            extra[Convert.ToString(field.Key, System.Globalization.CultureInfo.InvariantCulture)!] = Serialization.PlainData.ToJson(field.Value);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            void Text(string name, string? value)
            {
                if (value is not null && !extra.ContainsKey(name))
                    json.WriteString(name, value);
            }
            void Number(string name, int? value)
            {
                if (value is { } set && !extra.ContainsKey(name))
                    json.WriteNumber(name, set);
            }
            Text("model", Model);
            Text("prompt", Prompt);
            Text(Kind == GenerationKind.Image ? "size" : "aspect_ratio", Size);
            Text("quality", Quality);
            Number("duration", DurationSeconds);
            Number("n", Count);
            if (ReferenceImages.Count > 0 && !extra.ContainsKey("image_urls"))
            {
                json.WriteStartArray("image_urls");
                foreach (var image in ReferenceImages)
                    json.WriteStringValue(image.AbsoluteUri);
                json.WriteEndArray();
            }
            foreach (var field in extra)
            {
                json.WritePropertyName(field.Key);
                field.Value.WriteTo(json);
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
