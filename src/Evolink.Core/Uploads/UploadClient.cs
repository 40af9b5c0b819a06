using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Errors;
using Evolink.Transport;

namespace Evolink.Uploads;

/// <summary>
/// The gateway's file service (files-api.evolink.ai, or the base URI the user chose): a local image checked and sent
/// as a multipart stream or base64 (retried and idempotent as every POST), or fetched by the service from a URL; the URL it answers with kept for a reference
/// image, and the account's file quota. Replies are read with failure in mind: the URL is looked for where the
/// service's shapes put it, and must be an absolute https URL (or http on this machine).
/// </summary>
public sealed class UploadClient
{
    private readonly EvolinkClient _client;

    public UploadClient(EvolinkClient client) => _client = client;

    /// <summary>
    /// Checks and uploads a local image: as a multipart stream (the bytes as they are), or, where the file service
    /// does not offer that form, as base64 in JSON (a third larger on the wire).
    /// </summary>
    public async Task<UploadedFile> UploadAsync(string path, CancellationToken cancellationToken = default)
    {
        ImageFile.CheckFile(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EvolinkException(EvolinkErrorKind.InvalidInput, $"'{path}' could not be read: {ex.Message}");
        }
        // Checked again on the bytes sent: the file may have changed since.
        var type = ImageFile.Check(path, bytes.Length, bytes);
        var name = Path.GetFileName(path);
        UploadedFile file;
        try
        {
            var (form, formType) = await Multipart(bytes, type, name).ConfigureAwait(false);
            file = await _client.WithinDeadline(token => SendAsync(HttpMethod.Post, "api/v1/files/upload/stream", form, Read, token, formType), cancellationToken).ConfigureAwait(false);
        }
        catch (EvolinkApiException ex) when (ex.StatusCode is 404 or 405 or 415 or 501)
        {
            _client.Options.Log?.Invoke($"The file service does not take multipart uploads (HTTP {ex.StatusCode}); sending '{name}' as base64 instead.");
            var body = Json(writer =>
            {
                writer.WriteString("base64_data", $"data:{type};base64,{Convert.ToBase64String(bytes)}");
                writer.WriteString("file_name", name);
            });
            file = await _client.WithinDeadline(token => SendAsync(HttpMethod.Post, "api/v1/files/upload/base64", body, Read, token), cancellationToken).ConfigureAwait(false);
        }
        file.Source = Path.GetFullPath(path);
        file.Length = file.Length > 0 ? file.Length : bytes.Length;
        file.ContentType ??= type;
        file.Name = file.Name.Length > 0 ? file.Name : name;
        return file;
    }

    /// <summary>
    /// The multipart form of one upload, whole in memory (an image is at most 20 MB) so a retry sends it again as it
    /// was. Its boundary comes from the image's digest, so the same image makes the same request, as a recorded run
    /// needs to answer it again.
    /// </summary>
    private static async Task<(byte[] Body, string Type)> Multipart(byte[] bytes, string type, string name)
    {
        string boundary;
        using (var sha = System.Security.Cryptography.SHA256.Create())
            boundary = "evolink-" + BitConverter.ToString(sha.ComputeHash(bytes), 0, 16).Replace("-", string.Empty).ToLowerInvariant();
        using var form = new MultipartFormDataContent(boundary);
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        form.Add(file, "file", name);
        form.Add(new StringContent(name), "file_name");
        var body = await form.ReadAsByteArrayAsync().ConfigureAwait(false);
        return (body, form.Headers.ContentType!.ToString());
    }

    /// <summary>Has the file service fetch an image from a public https URL and keep it (a link that would expire, kept for 72 hours).</summary>
    public async Task<UploadedFile> UploadFromUrlAsync(Uri url, CancellationToken cancellationToken = default)
    {
        if (!Credentials.GatewayEndpoint.IsEncryptedOrLocal(url))
            throw new EvolinkException(EvolinkErrorKind.InvalidInput, $"'{url.GetLeftPart(UriPartial.Authority)}' is not https: give the file service an https URL to fetch.");
        var body = Json(writer => writer.WriteString("file_url", url.AbsoluteUri));
        var file = await _client.WithinDeadline(token => SendAsync(HttpMethod.Post, "api/v1/files/upload/url", body, Read, token), cancellationToken).ConfigureAwait(false);
        file.Source = url.AbsoluteUri;
        if (file.Name.Length == 0)
            file.Name = Path.GetFileName(url.AbsolutePath);
        return file;
    }

    /// <summary>How many files the account keeps and may keep.</summary>
    public async Task<FileQuota> GetQuotaAsync(CancellationToken cancellationToken = default)
    {
        return await _client.WithinDeadline(token => SendAsync(HttpMethod.Get, "api/v1/files/quota", null, root =>
        {
            var data = Data(root);
            return new FileQuota { UsedFiles = Whole(data, "used_files"), MaximumFiles = Whole(data, "max_files") };
        }, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The service's answer wraps what it says in data, or says it at the top.</summary>
    private static JsonElement Data(JsonElement root) =>
        root.TryGetProperty("data", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : root;

    private async Task<T> SendAsync<T>(HttpMethod method, string path, byte[]? body, Func<JsonElement, T> read, CancellationToken token, string? bodyType = null)
        where T : class
    {
        using var response = await _client.FilesTransport().SendAsync(method, path, body, token, bodyType: bodyType).ConfigureAwait(false);
        return await _client.ReadReplyAsync(response, "an answer in JSON", read, token).ConfigureAwait(false);
    }

    private static UploadedFile Read(JsonElement root)
    {
        var data = Data(root);
        Uri? url = null;
        foreach (var name in new[] { "file_url", "url", "download_url" })
        {
            if (data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var found)
                && Credentials.GatewayEndpoint.IsEncryptedOrLocal(found))
            {
                url = found;
                break;
            }
        }
        if (url is null)
            throw new EvolinkException(EvolinkErrorKind.InvalidResponse, "The file service accepted the upload but its answer has no https URL for the file.");
        var file = new UploadedFile
        {
            Url = url,
            Id = Text(data, "file_id") ?? Text(data, "id"),
            Name = Text(data, "file_name") ?? string.Empty,
            ContentType = Text(data, "mime_type"),
            Length = Whole(data, "file_size"),
        };
        file.Expires = Text(data, "expires_at") is { } expires && DateTimeOffset.TryParse(expires, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var when)
            ? when : DateTimeOffset.UtcNow.AddHours(72);
        return file;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Whole(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0 ? number : 0;

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
