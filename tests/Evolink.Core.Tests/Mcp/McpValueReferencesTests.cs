using System;
using System.Collections.Generic;
using Evolink.Errors;
using Evolink.Mcp;
using Xunit;

namespace Evolink.Core.Tests.Mcp;

/// <summary>Headers and variables that name where their values come from: read at use, never kept, never echoed.</summary>
public sealed class McpValueReferencesTests
{
    private static McpServer Docs(string header) => new()
    {
        Name = "docs", Url = new Uri("https://mcp.example.com/mcp"),
        Headers = new Dictionary<string, string> { ["Authorization"] = header },
    };

    private static readonly Dictionary<string, string> Variables = new() { ["DOCS_TOKEN"] = "variable-token-123" };
    private static readonly Dictionary<(string, string?), string> Secrets = new() { [("DocsToken", null)] = "secret-token-456", [("DocsToken", "Work")] = "work-token-789" };

    private static McpServer Resolve(McpServer server) => McpValueReferences.Resolve(server,
        name => Variables.TryGetValue(name, out var v) ? v : null,
        (name, vault) => Secrets.TryGetValue((name, vault), out var s) ? s : null);

    [Theory]
    [InlineData("Bearer {env:DOCS_TOKEN}", "Bearer variable-token-123")]
    [InlineData("Bearer {secret:DocsToken}", "Bearer secret-token-456")]
    [InlineData("{secret:DocsToken@Work}", "work-token-789")]
    [InlineData("{ENV:DOCS_TOKEN}/{Secret:DocsToken}", "variable-token-123/secret-token-456")]
    [InlineData("plain {not a reference}", "plain {not a reference}")]
    public void Replaces_each_reference_with_its_value_and_keeps_the_rest(string written, string sent)
    {
        var server = Docs(written);

        var resolved = Resolve(server);

        Assert.Equal(sent, resolved.Headers["Authorization"]);
        Assert.Equal(written, server.Headers["Authorization"]);
    }

    [Fact]
    public void Resolves_a_stdio_server_s_variables_too()
    {
        var server = new McpServer
        {
            Name = "gh", Command = "node",
            Environment = new Dictionary<string, string> { ["GITHUB_TOKEN"] = "{secret:DocsToken}", ["MODE"] = "read-only" },
        };

        var resolved = Resolve(server);

        Assert.Equal("secret-token-456", resolved.Environment["GITHUB_TOKEN"]);
        Assert.Equal("read-only", resolved.Environment["MODE"]);
    }

    [Theory]
    [InlineData("Bearer {env:NOT_SET_HERE}", "header Authorization from the environment variable NOT_SET_HERE, which is not set.")]
    [InlineData("Bearer {secret:Missing}", "header Authorization from the secret 'Missing', which was not found.")]
    [InlineData("Bearer {secret:DocsToken@Home}", "header Authorization from the secret 'DocsToken' of the vault 'Home', which was not found.")]
    public void A_missing_variable_or_secret_stops_before_anything_starts_naming_it(string written, string said)
    {
        var missing = Assert.Throws<EvolinkException>(() => Resolve(Docs(written)));

        Assert.Equal(EvolinkErrorKind.Configuration, missing.Kind);
        Assert.Equal(EvolinkRemedy.McpValueReference, missing.Remedy);
        Assert.Equal("The MCP server 'docs' takes its " + said, missing.Message);
    }

    [Fact]
    public void A_header_in_the_clear_cannot_be_saved_and_the_refusal_does_not_repeat_its_value()
    {
        var refused = Assert.Throws<EvolinkException>(() => McpValueReferences.CheckSavable(Docs("Bearer ghp_plainTokenValue")));

        Assert.Equal(EvolinkErrorKind.InvalidInput, refused.Kind);
        Assert.Contains("'Authorization'", refused.Message);
        Assert.Contains("{secret:", refused.Message);
        Assert.DoesNotContain("ghp_plainTokenValue", refused.Message);
        McpValueReferences.CheckSavable(Docs("Bearer {secret:DocsToken}"));
    }
}
