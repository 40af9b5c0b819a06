using System;
using System.Collections.Generic;
using System.Linq;
using Evolink.Errors;

namespace Evolink.Mcp;

/// <summary>
/// One Model Context Protocol server as a caller names it: a command line the engine starts and speaks to over
/// standard input and output, or an HTTP endpoint (Streamable HTTP). A server saved by name (<see cref="McpServerBook"/>)
/// holds no secret's value: its headers name where theirs come from (<see cref="McpValueReferences"/>).
/// </summary>
public sealed class McpServer
{
    /// <summary>Up to 32 letters, digits, '-' or '_': the prefix of its tools' names, which the model sees.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The program to start (stdio).</summary>
    public string? Command { get; set; }

    public IReadOnlyList<string> Arguments { get; set; } = Array.Empty<string>();

    /// <summary>Variables the server gets beside the few any program needs (PATH, HOME, …); never the parent's others, so never the API key.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; set; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; set; }

    /// <summary>The endpoint (Streamable HTTP): https, or http to this machine only.</summary>
    public Uri? Url { get; set; }

    /// <summary>Headers for the endpoint, such as a bearer token.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();

    /// <summary>How long the server may take to start and answer the handshake.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one tool call may take.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most text of one call's output handed to the model; the rest is cut with a note.</summary>
    public int MaximumOutputCharacters { get; set; } = 20_000;

    /// <summary>The largest single message the server may send (a reply, a list of tools); a longer one ends its session. Base64 images make this large.</summary>
    public long MaximumMessageBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>An InvalidInput error saying what is wrong, or nothing when the server can be used.</summary>
    public void Check()
    {
        if (Name.Length is 0 or > 32 || Name.Any(c => !(c < 128 && char.IsLetterOrDigit(c) || c is '-' or '_')))
            throw Refused($"'{Name}' cannot name an MCP server: use up to 32 letters, digits, '-' or '_' (it prefixes the names of its tools).");
        if ((Command is null) == (Url is null))
            throw Refused($"The MCP server '{Name}' needs either a command to start (Command, with Arguments) or an endpoint (Url), not {(Command is null ? "neither" : "both")}.");
        if (Command is not null && Command.Trim().Length == 0)
            throw Refused($"The MCP server '{Name}' has an empty command.");
        if (Url is { } url && !Credentials.GatewayEndpoint.IsEncryptedOrLocal(url))
            throw Refused($"The MCP server '{Name}' is at {url.GetLeftPart(UriPartial.Authority)}: an endpoint must be https (or http on this machine), so what is sent to it is not readable on the way.");
    }

    /// <summary>stdio for a server started as a command, http for an endpoint.</summary>
    public string Transport => Url is null ? "stdio" : "http";

    /// <summary>A copy whose lists can be replaced without touching this one.</summary>
    public McpServer Copy() => (McpServer)MemberwiseClone();

    /// <summary>Where the server is, for messages and confirmations (a URL without its query, a command without its arguments).</summary>
    public string Where => Url is { } url ? url.GetLeftPart(UriPartial.Path) : Command ?? string.Empty;

    private static EvolinkException Refused(string message) => new(EvolinkErrorKind.InvalidInput, message, remedy: EvolinkRemedy.McpServerShape);
}
