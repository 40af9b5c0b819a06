using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Evolink.Serialization;

/// <summary>
/// <c>created</c> is Unix seconds on the wire and a point in time for callers.
/// It only says when: a value that is not whole seconds some calendar holds (a
/// hostile or broken reply) reads as unknown rather than failing the whole
/// reply, as the stream's chunk reader reads it.
/// </summary>
internal sealed class UnixTimeConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seconds))
            return FromSeconds(seconds);
        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } time)
            writer.WriteNumberValue(time.ToUnixTimeSeconds());
        else
            writer.WriteNullValue();
    }

    /// <summary>Unix seconds as a UTC point in time; null outside the years 1 to 9999.</summary>
    public static DateTimeOffset? FromSeconds(long seconds) =>
        seconds is >= MinSeconds and <= MaxSeconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;
}
