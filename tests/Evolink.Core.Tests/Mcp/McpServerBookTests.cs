using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Evolink.Errors;
using Evolink.Mcp;
using Xunit;

namespace Evolink.Core.Tests.Mcp;

/// <summary>Servers named once: kept beside the configuration, private, read back as written, a broken file refused by name.</summary>
public sealed class McpServerBookTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "evolink-mcp-book-" + Guid.NewGuid().ToString("N"));

    private McpServerBook Book => McpServerBook.Beside(Path.Combine(_folder, "config.json"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private static McpServer Files() => new()
    {
        Name = "files", Command = "npx", Arguments = new[] { "-y", "@modelcontextprotocol/server-filesystem", "/srv/share" },
        Environment = new Dictionary<string, string> { ["NODE_OPTIONS"] = "--max-old-space-size=256" }, WorkingDirectory = "/srv",
        StartTimeout = TimeSpan.FromSeconds(45), CallTimeout = TimeSpan.FromSeconds(90), MaximumOutputCharacters = 5000,
        MaximumMessageBytes = 64L * 1024 * 1024,
    };

    private static McpServer Docs() => new()
    {
        Name = "docs", Url = new Uri("https://mcp.example.com/mcp?tenant=a"),
        Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer {secret:DocsToken}" },
    };

    [Fact]
    public void Keeps_servers_beside_the_configuration_and_reads_them_back_as_written_in_order()
    {
        Book.Update(servers => { servers.Add(Files()); servers.Add(Docs()); return true; });

        Assert.Equal(Path.Combine(_folder, "mcp-servers.json"), Book.Path);
        var read = Book.Load();
        Assert.Equal(new[] { "files", "docs" }, read.Select(s => s.Name));
        var files = read[0];
        Assert.Equal(("npx", "/srv"), (files.Command, files.WorkingDirectory));
        Assert.Equal(Files().Arguments, files.Arguments);
        Assert.Equal("--max-old-space-size=256", files.Environment["NODE_OPTIONS"]);
        Assert.Equal((45.0, 90.0, 5000, 64L * 1024 * 1024), (files.StartTimeout.TotalSeconds, files.CallTimeout.TotalSeconds, files.MaximumOutputCharacters, files.MaximumMessageBytes));
        Assert.Equal("https://mcp.example.com/mcp?tenant=a", read[1].Url!.OriginalString);
        Assert.Equal("Bearer {secret:DocsToken}", read[1].Headers["Authorization"]);
        Assert.Equal("docs", Book.Find("DOCS")!.Name);
        Assert.Null(Book.Find("nothing"));
    }

    [Fact]
    public void Is_readable_by_this_user_only()
    {
        if (OperatingSystem.IsWindows())
            return;
        Book.Update(servers => { servers.Add(Files()); return true; });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Book.Path));
    }

    [Fact]
    public void Never_saves_a_header_in_the_clear_and_leaves_the_file_as_it_was()
    {
        Book.Update(servers => { servers.Add(Files()); return true; });
        var before = File.ReadAllText(Book.Path);
        var leaking = Docs();
        leaking.Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer ghp_plainTokenValue" };

        Assert.Throws<EvolinkException>(() => Book.Update(servers => { servers.Add(leaking); return true; }));

        Assert.Equal(before, File.ReadAllText(Book.Path));
        Assert.DoesNotContain("ghp_", File.ReadAllText(Book.Path));
    }

    [Fact]
    public async Task Two_sessions_registering_at_once_keep_both()
    {
        var names = Enumerable.Range(0, 12).Select(i => $"server{i}").ToList();

        await Task.WhenAll(names.Select(name => Task.Run(() =>
            Book.Update(servers => { servers.Add(new McpServer { Name = name, Command = "node" }); return true; }))));

        Assert.Equal(names.OrderBy(n => n), Book.Load().Select(s => s.Name).OrderBy(n => n));
    }

    [Theory]
    [InlineData("not json at all", "is not JSON")]
    [InlineData("[1, 2]", "has no \"servers\" object")]
    [InlineData("{\"servers\": {\"x\": {\"command\": \"node\", \"shell\": true}}}", "the server 'x' has a field 'shell' this version does not know")]
    [InlineData("{\"servers\": {\"x\": {\"command\": \"node\", \"url\": \"https://a.example\"}}}", "either a command to start")]
    [InlineData("{\"servers\": {\"x\": {\"url\": \"http://mcp.example.com/\"}}}", "must be https")]
    [InlineData("{\"servers\": {\"x y\": {\"command\": \"node\"}}}", "cannot name an MCP server")]
    [InlineData("{\"servers\": {\"x\": {\"command\": \"node\", \"callTimeoutSec\": -1}}}", "'callTimeoutSec' of the wrong kind")]
    public void A_file_that_is_not_a_list_of_servers_is_refused_naming_the_file_and_what_is_wrong(string content, string said)
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Book.Path, content);

        var refused = Assert.Throws<EvolinkException>(() => Book.Load());

        Assert.Equal(EvolinkErrorKind.Configuration, refused.Kind);
        Assert.Equal(EvolinkRemedy.McpServerFile, refused.Remedy);
        Assert.Contains($"The MCP servers file '{Book.Path}' cannot be used", refused.Message);
        Assert.Contains(said, refused.Message);
    }

    [Fact]
    public void A_file_far_larger_than_any_list_of_servers_is_refused_unread()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Book.Path, "{\"servers\": {}, \"pad\": \"" + new string('x', 2 * 1024 * 1024) + "\"}");

        var refused = Assert.Throws<EvolinkException>(() => Book.Load());

        Assert.Contains("more than a list of servers ever is", refused.Message);
    }

    [Fact]
    public void No_file_is_no_servers()
    {
        Assert.Empty(Book.Load());
        Assert.False(File.Exists(Book.Path));
    }
}
