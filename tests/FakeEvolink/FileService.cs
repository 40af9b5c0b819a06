using System;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FakeEvolink;

/// <summary>
/// The file service (files-api.evolink.ai) as far as the vendor documents it: an upload of one image (multipart
/// stream, base64 or URL) that answers with the file's URL, and the quota. Uploaded bytes are kept and served back at
/// that URL.
/// </summary>
public sealed class FileService
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string Type)> _files = new(StringComparer.Ordinal);
    private int _uploaded;
    private int _streamUploads;
    private int _base64Uploads;

    /// <summary>The files uploaded so far, by id.</summary>
    public int Count => _files.Count;

    /// <summary>False: the stream upload answers 404, as a service without that form would.</summary>
    public bool OffersStreamUpload { get; set; } = true;

    /// <summary>Uploads taken as multipart streams and as base64.</summary>
    public int StreamUploads => _streamUploads;

    public int Base64Uploads => _base64Uploads;

    /// <summary>The bytes kept for an uploaded file, as the service received them.</summary>
    public byte[]? BytesOf(string id) => _files.TryGetValue(id, out var file) ? file.Bytes : null;

    public async Task UploadStreamAsync(HttpContext http)
    {
        if (!OffersStreamUpload)
        {
            http.Response.StatusCode = 404;
            return;
        }
        if (!http.Request.HasFormContentType)
        {
            await GatewayReplies.ErrorAsync(http, 400, "invalid_parameter", "a multipart form with a file is required", param: "file");
            return;
        }
        var form = await http.Request.ReadFormAsync();
        var file = form.Files["file"];
        if (file is null)
        {
            await GatewayReplies.ErrorAsync(http, 400, "invalid_parameter", "file is required", param: "file");
            return;
        }
        var type = file.ContentType;
        if (type is not ("image/jpeg" or "image/png" or "image/gif" or "image/webp"))
        {
            await GatewayReplies.ErrorAsync(http, 415, "invalid_parameter", "Only images (jpeg, png, gif, webp) are accepted", param: "file");
            return;
        }
        using var copy = new System.IO.MemoryStream();
        await file.CopyToAsync(copy);
        Interlocked.Increment(ref _streamUploads);
        await KeptAsync(http, copy.ToArray(), type, form["file_name"].ToString() is { Length: > 0 } name ? name : file.FileName);
    }

    public async Task UploadBase64Async(HttpContext http)
    {
        var body = JsonNode.Parse((string)http.Items["body"]!) as JsonObject;
        var data = (string?)body?["base64_data"];
        var name = (string?)body?["file_name"] ?? "upload";
        if (string.IsNullOrEmpty(data))
        {
            await GatewayReplies.ErrorAsync(http, 400, "invalid_parameter", "base64_data is required", param: "base64_data");
            return;
        }
        var type = "image/png";
        if (data.StartsWith("data:", StringComparison.Ordinal) && data.IndexOf(";base64,", StringComparison.Ordinal) is var marker and > 5)
        {
            type = data.Substring(5, marker - 5);
            data = data.Substring(marker + 8);
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(data);
        }
        catch (FormatException)
        {
            await GatewayReplies.ErrorAsync(http, 400, "invalid_parameter", "base64_data is not base64", param: "base64_data");
            return;
        }
        if (type is not ("image/jpeg" or "image/png" or "image/gif" or "image/webp"))
        {
            await GatewayReplies.ErrorAsync(http, 415, "invalid_parameter", "Only images (jpeg, png, gif, webp) are accepted", param: "base64_data");
            return;
        }
        Interlocked.Increment(ref _base64Uploads);
        await KeptAsync(http, bytes, type, name);
    }

    private async Task KeptAsync(HttpContext http, byte[] bytes, string type, string name)
    {
        var id = $"file-fake{Interlocked.Increment(ref _uploaded):D4}";
        _files[id] = (bytes, type);
        await GatewayReplies.JsonAsync(http, new JsonObject
        {
            ["success"] = true,
            ["data"] = new JsonObject
            {
                ["file_id"] = id,
                ["file_name"] = name,
                ["file_url"] = $"{http.Request.Scheme}://{http.Request.Host}/fake-files/uploads/{id}",
                ["mime_type"] = type,
                ["file_size"] = bytes.Length,
                ["expires_at"] = DateTimeOffset.UtcNow.AddHours(72).ToString("O"),
            },
        });
    }

    /// <summary>An upload from a URL: the fake fetches nothing from the network, it keeps a small PNG in its place.</summary>
    public async Task UploadUrlAsync(HttpContext http)
    {
        var url = (string?)(JsonNode.Parse((string)http.Items["body"]!) as JsonObject)?["file_url"];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var source) || source.Scheme != Uri.UriSchemeHttps)
        {
            await GatewayReplies.ErrorAsync(http, 400, "invalid_parameter", "file_url must be an https URL", param: "file_url");
            return;
        }
        var id = $"file-fake{Interlocked.Increment(ref _uploaded):D4}";
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        _files[id] = (png, "image/png");
        await GatewayReplies.JsonAsync(http, new JsonObject
        {
            ["success"] = true,
            ["data"] = new JsonObject
            {
                ["file_id"] = id,
                ["file_name"] = System.IO.Path.GetFileName(source.AbsolutePath),
                ["file_url"] = $"{http.Request.Scheme}://{http.Request.Host}/fake-files/uploads/{id}",
                ["mime_type"] = "image/png",
                ["file_size"] = png.Length,
            },
        });
    }

    /// <summary>What the quota answers instead of the quota, as raw JSON (a test of replies of another shape).</summary>
    public string? QuotaReply { get; set; }

    public Task QuotaAsync(HttpContext http) => QuotaReply is { } raw
        ? GatewayReplies.JsonAsync(http, JsonNode.Parse(raw)!)
        : GatewayReplies.JsonAsync(http, new JsonObject
    {
        ["success"] = true,
        ["data"] = new JsonObject { ["used_files"] = _files.Count, ["max_files"] = 2000 },
    });

    public async Task ServeAsync(HttpContext http, string id)
    {
        if (!_files.TryGetValue(id, out var file))
        {
            http.Response.StatusCode = 404;
            return;
        }
        http.Response.ContentType = file.Type;
        await http.Response.Body.WriteAsync(file.Bytes);
    }
}
