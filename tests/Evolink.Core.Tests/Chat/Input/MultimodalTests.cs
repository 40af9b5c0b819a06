using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Evolink.Chat;
using Evolink.Chat.Input;
using Evolink.Errors;

namespace Evolink.Core.Tests;

public sealed class MultimodalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("evolink-images-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string name, params byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllBytes(path, bytes.Concat(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }).ToArray());
        return path;
    }

    private static string Resolve(string path) => Path.GetFullPath(path);

    [Theory]
    [InlineData("shot.png", "image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })]
    [InlineData("photo.jpg", "image/jpeg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 })]
    [InlineData("old.gif", "image/gif", new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 })]
    [InlineData("anim.gif", "image/gif", new byte[] { 0x47, 0x49, 0x46, 0x38, 0x37, 0x61 })]
    [InlineData("pic.webp", "image/webp", new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50 })]
    [InlineData("misnamed.txt", "image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })]
    public void An_image_file_becomes_a_data_uri_with_the_MIME_type_of_its_content(string name, string mime, byte[] signature)
    {
        var path = File(name, signature);

        var part = ImageInput.ToPart(path, null, Resolve);

        var expected = $"data:{mime};base64,{Convert.ToBase64String(System.IO.File.ReadAllBytes(path))}";
        Assert.Equal(("image_url", expected), (part.Type, part.ImageUrl!.Url));
    }

    [Fact]
    public async Task Text_and_several_images_keep_their_order_in_one_message_and_urls_pass_as_they_are()
    {
        await using var gateway = await Gateway.StartAsync();
        var png = File("a.png", 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        var message = MessageBuilder.Build("user", "What differs?", new[] { "https://example.test/b.jpg", png }, "high", resolvePath: Resolve);
        var request = ChatRequests.For("m", null, new[] { message });

        await Gateway.Client(gateway).CompleteAsync(request);

        var data = Convert.ToBase64String(System.IO.File.ReadAllBytes(png));
        Assert.Equal(
            """{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"What differs?"},""" +
            """{"type":"image_url","image_url":{"url":"https://example.test/b.jpg","detail":"high"}},""" +
            "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + data + "\",\"detail\":\"high\"}}]}]}",
            gateway.ChatRequests.Single().Body);
        Assert.Equal("What differs?", message.ToString());
    }

    [Fact]
    public async Task A_missing_image_file_is_refused_by_name_before_any_request_is_sent()
    {
        await using var gateway = await Gateway.StartAsync();
        var missing = Path.Combine(_folder, "nope.png");

        var error = Assert.Throws<EvolinkException>(() => MessageBuilder.Build("user", "x", new[] { missing }, resolvePath: Resolve));

        Assert.Equal(EvolinkErrorKind.InvalidInput, error.Kind);
        Assert.Contains("nope.png", error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.Empty(gateway.Requests);
    }

    [Fact]
    public void A_file_that_is_no_supported_image_is_refused_by_name()
    {
        var text = File("notes.png", (byte)'h', (byte)'i');

        var error = Assert.Throws<EvolinkException>(() => ImageInput.ToPart(text, null, Resolve));

        Assert.Contains("notes.png", error.Message);
        Assert.Contains("PNG, JPEG, GIF or WebP", error.Message);
    }

    [Fact]
    public void A_tool_result_needs_the_call_id_and_only_an_assistant_carries_tool_calls()
    {
        Assert.Equal(EvolinkRemedy.GiveToolCallId, Assert.Throws<EvolinkException>(() => MessageBuilder.Build("tool", "42")).Remedy);
        Assert.Contains("assistant", Assert.Throws<EvolinkException>(() =>
            MessageBuilder.Build("user", "x", toolCalls: new object[] { new System.Collections.Hashtable { ["id"] = "c", ["name"] = "n" } })).Message);
        Assert.Equal(EvolinkRemedy.GiveContent, Assert.Throws<EvolinkException>(() => MessageBuilder.Build("user", null)).Remedy);
    }

    [Fact]
    public async Task A_conversation_written_out_by_hand_with_tool_calls_and_results_is_sent_as_the_API_expects()
    {
        await using var gateway = await Gateway.StartAsync();
        var call = new System.Collections.Hashtable { ["id"] = "call_1", ["name"] = "Get-Date", ["arguments"] = new System.Collections.Hashtable { ["Format"] = "o" } };
        var messages = new[]
        {
            MessageBuilder.Build("system", "Use tools."),
            MessageBuilder.Build("user", "What time is it?"),
            MessageBuilder.Build("assistant", null, toolCalls: new object[] { call }),
            MessageBuilder.Build("tool", "2026-11-21T10:00:00Z", toolCallId: "call_1"),
        };

        await Gateway.Client(gateway).CompleteAsync(ChatRequests.For("m", null, messages));

        Assert.Equal(
            """{"model":"m","messages":[{"role":"system","content":"Use tools."},{"role":"user","content":"What time is it?"},""" +
            """{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"Get-Date","arguments":"{\u0022Format\u0022:\u0022o\u0022}"}}]},""" +
            """{"role":"tool","content":"2026-11-21T10:00:00Z","tool_call_id":"call_1"}]}""",
            gateway.ChatRequests.Single().Body);
    }
}
