using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Evolink.Errors;
using Evolink.Uploads;
using Xunit;

namespace Evolink.Core.Tests;

/// <summary>The file service over real HTTP: images checked by their bytes before anything is sent, the URL kept.</summary>
public sealed class UploadClientTests : IDisposable
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    private readonly string _folder = Directory.CreateTempSubdirectory("evolink-uploads-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task An_image_is_sent_as_base64_with_its_type_and_its_URL_serves_the_same_bytes()
    {
        await using var gateway = await Gateway.StartAsync();
        var uploads = new UploadClient(Gateway.Client(gateway));
        // Named .jpg, but a PNG: the bytes decide.
        var path = Write("photo.jpg", Png);

        var file = await uploads.UploadAsync(path);
        var served = await new System.Net.Http.HttpClient().GetByteArrayAsync(file.Url);

        var sent = gateway.Requests.Single(r => r.Path == "/api/v1/files/upload/base64");
        using var body = JsonDocument.Parse(sent.Body);
        Assert.StartsWith("data:image/png;base64,", body.RootElement.GetProperty("base64_data").GetString());
        Assert.Equal("photo.jpg", body.RootElement.GetProperty("file_name").GetString());
        Assert.True(sent.Headers.ContainsKey("idempotency-key"));
        Assert.Equal(("image/png", 70L, "photo.jpg", path), (file.ContentType, file.Length, file.Name, file.Source));
        Assert.Equal(Png, served);
        Assert.InRange(file.Expires!.Value, DateTimeOffset.UtcNow.AddHours(71), DateTimeOffset.UtcNow.AddHours(73));
    }

    [Theory]
    [InlineData("notes.png", "not a JPEG, PNG, GIF or WebP image")]
    [InlineData("empty.png", "is empty")]
    [InlineData("missing.png", "There is no file")]
    [InlineData("huge.png", "a reference image may be at most 20 MB")]
    public async Task What_the_service_would_refuse_is_refused_before_anything_is_sent(string name, string said)
    {
        await using var gateway = await Gateway.StartAsync();
        var uploads = new UploadClient(Gateway.Client(gateway));
        if (name == "notes.png")
            Write(name, System.Text.Encoding.ASCII.GetBytes("just some text, not an image"));
        if (name == "empty.png")
            Write(name, Array.Empty<byte>());
        if (name == "huge.png")
        {
            using var huge = File.Create(Path.Combine(_folder, name));
            huge.Write(Png);
            huge.SetLength(21L * 1024 * 1024);
        }

        var refused = await Assert.ThrowsAsync<EvolinkException>(() => uploads.UploadAsync(Path.Combine(_folder, name)));

        Assert.Equal(EvolinkErrorKind.InvalidInput, refused.Kind);
        Assert.Contains(said, refused.Message);
        Assert.DoesNotContain(gateway.Requests, r => r.Path.StartsWith("/api/v1/files", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' }, "image/gif")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P' }, "image/webp")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'A', (byte)'V', (byte)'E' }, null)]
    public void Each_kind_is_known_by_its_first_bytes(byte[] head, string? type) => Assert.Equal(type, ImageFile.MediaType(head));

    [Fact]
    public async Task The_quota_says_how_many_files_are_kept_and_left()
    {
        await using var gateway = await Gateway.StartAsync();
        var uploads = new UploadClient(Gateway.Client(gateway));
        await uploads.UploadAsync(Write("a.png", Png));

        var quota = await uploads.GetQuotaAsync();

        Assert.Equal((1L, 2000L, 1999L), (quota.UsedFiles, quota.MaximumFiles, quota.RemainingFiles));
    }

    [Fact]
    public async Task An_image_on_the_web_is_fetched_and_kept_by_the_service_and_plain_http_is_refused_first()
    {
        await using var gateway = await Gateway.StartAsync();
        var uploads = new UploadClient(Gateway.Client(gateway));

        var file = await uploads.UploadFromUrlAsync(new Uri("https://example.com/art/fox.png"));
        var refused = await Assert.ThrowsAsync<EvolinkException>(() => uploads.UploadFromUrlAsync(new Uri("http://example.com/fox.png")));

        var sent = gateway.Requests.Single(r => r.Path == "/api/v1/files/upload/url");
        Assert.Contains("\"file_url\":\"https://example.com/art/fox.png\"", sent.Body);
        Assert.Equal(("fox.png", "https://example.com/art/fox.png"), (file.Name, file.Source));
        Assert.Contains("is not https", refused.Message);
        Assert.Single(gateway.Requests, r => r.Path.StartsWith("/api/v1/files", StringComparison.Ordinal));
    }
}
