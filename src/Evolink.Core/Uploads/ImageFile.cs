using System;
using System.IO;
using Evolink.Errors;

namespace Evolink.Uploads;

/// <summary>
/// A local image as the files API takes it: JPEG, PNG, GIF or WebP (known by its first bytes, not its name) and no
/// larger than the limit. Anything else is refused before a byte is sent, saying what is allowed.
/// </summary>
public static class ImageFile
{
    /// <summary>The largest reference image the documented models take (10 to 20 MB, per model).</summary>
    public const long MaximumBytes = 20L * 1024 * 1024;

    /// <summary>Checks a local file: there, readable, an image of a kind the service takes, small enough; its media type.</summary>
    public static string CheckFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                throw Refused($"There is no file '{path}'.");
            var head = new byte[16];
            int read;
            using (var stream = info.OpenRead())
                read = stream.Read(head, 0, head.Length);
            return Check(path, info.Length, new ReadOnlySpan<byte>(head, 0, read));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Refused($"'{path}' could not be read: {ex.Message}");
        }
    }

    /// <summary>The file's media type, after checking it can be uploaded.</summary>
    public static string Check(string path, long length, ReadOnlySpan<byte> head)
    {
        if (length > MaximumBytes)
            throw Refused($"'{path}' is {length / (1024.0 * 1024.0):0.#} MB; a reference image may be at most {MaximumBytes / (1024 * 1024)} MB (JPEG, PNG, GIF or WebP).");
        if (length == 0)
            throw Refused($"'{path}' is empty.");
        return MediaType(head) ?? throw Refused($"'{path}' is not a JPEG, PNG, GIF or WebP image (the only kinds the files API takes); convert it first.");
    }

    /// <summary>The type its first bytes show, or null.</summary>
    public static string? MediaType(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
            return "image/jpeg";
        if (head.Length >= 8 && head[0] == 0x89 && head[1] == (byte)'P' && head[2] == (byte)'N' && head[3] == (byte)'G')
            return "image/png";
        if (head.Length >= 6 && head[0] == (byte)'G' && head[1] == (byte)'I' && head[2] == (byte)'F' && head[3] == (byte)'8')
            return "image/gif";
        if (head.Length >= 12 && head[0] == (byte)'R' && head[1] == (byte)'I' && head[2] == (byte)'F' && head[3] == (byte)'F'
            && head[8] == (byte)'W' && head[9] == (byte)'E' && head[10] == (byte)'B' && head[11] == (byte)'P')
            return "image/webp";
        return null;
    }

    private static EvolinkException Refused(string message) => new(EvolinkErrorKind.InvalidInput, message);
}
