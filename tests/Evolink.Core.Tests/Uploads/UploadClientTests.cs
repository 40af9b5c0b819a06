using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Evolink.Configuration;
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
    public async Task An_image_is_streamed_as_it_is_with_its_type_and_its_URL_serves_the_same_bytes()
    {
        await using var gateway = await Gateway.StartAsync();
        var uploads = new UploadClient(Gateway.Client(gateway));
        // Named .jpg, but a PNG: the bytes decide.
        var path = Write("photo.jpg", Png);

        var file = await uploads.UploadAsync(path);
        var served = await new System.Net.Http.HttpClient().GetByteArrayAsync(file.Url);

        var sent = gateway.Requests.Single(r => r.Path.StartsWith("/api/v1/files/upload", StringComparison.Ordinal));
        Assert.Equal("/api/v1/files/upload/stream", sent.Path);
        Assert.StartsWith("multipart/form-data; boundary=", sent.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("name=file; filename=photo.jpg", sent.Body, StringComparison.Ordinal);
        Assert.Contains("Content-Type: image/png", sent.Body, StringComparison.Ordinal);
        Assert.True(sent.Headers.ContainsKey("idempotency-key"));
        Assert.Equal((1, 0), (gateway.Files.StreamUploads, gateway.Files.Base64Uploads));
        Assert.Equal(("image/png", 70L, "photo.jpg", path), (file.ContentType, file.Length, file.Name, file.Source));
        Assert.Equal(Png, served);
        Assert.InRange(file.Expires!.Value, DateTimeOffset.UtcNow.AddHours(71), DateTimeOffset.UtcNow.AddHours(73));
    }

    [Fact]
    public async Task A_large_image_goes_as_its_own_bytes_not_a_third_larger_and_the_debug_text_shows_no_byte_of_it()
    {
        await using var gateway = await Gateway.StartAsync();
        var debug = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var uploads = new UploadClient(Gateway.Client(gateway, o => o.LogDebug = debug.Enqueue));
        // A PNG signature, then 300 KB holding every byte value, escape and bell included.
        var bytes = Png.Take(16).Concat(Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7))).ToArray();

        var file = await uploads.UploadAsync(Write("big.png", bytes));

        var sent = gateway.Requests.Single(r => r.Path == "/api/v1/files/upload/stream");
        var onTheWire = long.Parse(sent.Headers["content-length"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(onTheWire, bytes.Length, bytes.Length + 1000);
        Assert.Equal(bytes, gateway.Files.BytesOf(file.Id!));
        var shown = Assert.Single(debug, d => d.Contains("upload/stream", StringComparison.Ordinal));
        Assert.Contains($"({onTheWire} bytes of multipart/form-data, sha256 ", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(shown, c => c == '\u001b' || c == '\u0007');
    }

    [Fact]
    public async Task Where_the_service_takes_no_stream_the_image_is_sent_as_base64_once_more_and_the_verbose_text_says_so()
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Files.OffersStreamUpload = false;
        var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var uploads = new UploadClient(Gateway.Client(gateway, o => o.Log = said.Enqueue));

        var file = await uploads.UploadAsync(Write("photo.png", Png));

        var sent = gateway.Requests.Single(r => r.Path == "/api/v1/files/upload/base64");
        using var body = JsonDocument.Parse(sent.Body);
        Assert.StartsWith("data:image/png;base64,", body.RootElement.GetProperty("base64_data").GetString(), StringComparison.Ordinal);
        Assert.Equal("photo.png", body.RootElement.GetProperty("file_name").GetString());
        Assert.Equal((0, 1), (gateway.Files.StreamUploads, gateway.Files.Base64Uploads));
        Assert.Equal(Png, gateway.Files.BytesOf(file.Id!));
        Assert.Contains(said, s => s.Contains("does not take multipart uploads (HTTP 404); sending 'photo.png' as base64", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recorded_upload_is_answered_again_offline_and_the_store_keeps_a_summary_not_the_bytes()
    {
        var store = Path.Combine(_folder, "answers.jsonl");
        var path = Write("photo.png", Png);
        Uri recorded;
        await using (var gateway = await Gateway.StartAsync())
            recorded = (await new UploadClient(Gateway.Client(gateway, o => { o.ReplayFile = store; o.ReplayUse = ReplayUse.Record; })).UploadAsync(path)).Url;
        await using var silent = await Gateway.StartAsync();

        var replayed = await new UploadClient(Gateway.Client(silent, o => { o.ReplayFile = store; o.ReplayUse = ReplayUse.Replay; })).UploadAsync(path);

        Assert.Equal(recorded, replayed.Url);
        Assert.Empty(silent.Requests);
        var kept = File.ReadAllText(store);
        Assert.Contains("bytes of multipart/form-data, sha256 ", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("IHDR", kept, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"quota\"")]
    public async Task An_answer_of_another_shape_is_an_invalid_response_quoting_it(string answer)
    {
        await using var gateway = await Gateway.StartAsync();
        gateway.Files.QuotaReply = answer;
        var uploads = new UploadClient(Gateway.Client(gateway));

        var refused = await Assert.ThrowsAsync<EvolinkException>(() => uploads.GetQuotaAsync());

        Assert.Equal(EvolinkErrorKind.InvalidResponse, refused.Kind);
        Assert.StartsWith("The gateway answered HTTP 200 without an answer in JSON: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains(answer.Substring(0, 3), refused.Message, StringComparison.Ordinal);
    }

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
