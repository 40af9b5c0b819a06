using System;
using System.IO;
using Evolink.Errors;

namespace Evolink.Chat.Input;

/// <summary>
/// Turns what a user names as an image into a content part: an http(s) URL
/// or a data: URI goes as it is; a file becomes a data: URI whose MIME type
/// comes from the file's first bytes, not its name.
/// </summary>
public static class ImageInput
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    public static ContentPart ToPart(string image, string? detail, Func<string, string> resolvePath)
    {
        if (string.IsNullOrWhiteSpace(image))
            throw Refused("An image was given as an empty string. Pass a file path or an https URL.");
        if (image.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            || (Uri.TryCreate(image, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            return ContentPart.FromImage(image, detail);
        return ContentPart.FromImage(DataUriFromFile(resolvePath(image), image), detail);
    }

    private static string DataUriFromFile(string path, string asGiven)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                throw Refused($"The image file '{asGiven}' does not exist (looked for '{path}'). Check the path, or pass an https URL.");
            if (info.Length > MaxFileBytes)
                throw Refused($"The image file '{asGiven}' is {info.Length / (1024 * 1024)} MB; the gateway takes images up to {MaxFileBytes / (1024 * 1024)} MB. Resize it, or pass a URL.");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Refused($"The image file '{asGiven}' could not be read: {ex.Message}", ex);
        }
        var mime = MimeOf(bytes) ?? throw Refused(
            $"The file '{asGiven}' is not a PNG, JPEG, GIF or WebP image (judged by its content), the types the gateway takes. Convert it to one of these.");
        return $"data:{mime};base64,{Convert.ToBase64String(bytes)}";
    }

    /// <summary>The image type by its signature bytes, or null.</summary>
    public static string? MimeOf(byte[] bytes)
    {
        bool Starts(params byte[] signature)
        {
            if (bytes.Length < signature.Length)
                return false;
            for (var i = 0; i < signature.Length; i++)
            {
                if (bytes[i] != signature[i])
                    return false;
            }
            return true;
        }

        if (Starts(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A))
            return "image/png";
        if (Starts(0xFF, 0xD8, 0xFF))
            return "image/jpeg";
        if (Starts(0x47, 0x49, 0x46, 0x38, 0x37, 0x61) || Starts(0x47, 0x49, 0x46, 0x38, 0x39, 0x61))
            return "image/gif";
        if (bytes.Length >= 12 && Starts(0x52, 0x49, 0x46, 0x46) && bytes[8] == 0x57 && bytes[9] == 0x45 && bytes[10] == 0x42 && bytes[11] == 0x50)
            return "image/webp";
        return null;
    }

    private static EvolinkException Refused(string message, Exception? inner = null) =>
        new(EvolinkErrorKind.InvalidInput, message, inner);
}
