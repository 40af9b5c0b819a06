using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using Evolink.Errors;
using Evolink.Mcp;

namespace Evolink.Commands;

/// <summary>
/// -McpServer as PowerShell users write it: the name of a server registered with Register-EvolinkMcpServer, a
/// hashtable (Name, and Command with Arguments, or Url with Headers; also Environment, WorkingDirectory,
/// StartTimeoutSec, CallTimeoutSec, MaximumOutput, MaximumMessageMB), or an endpoint's URL as text (named after its host). A header's
/// value may be a SecureString, so a token need not sit in a script as text, or name a secret or variable
/// ('Bearer {secret:McpToken}'), read only when the server is about to start.
/// </summary>
internal static class McpServerInput
{
    private static readonly string[] Keys =
        { "Name", "Command", "Arguments", "Environment", "WorkingDirectory", "Url", "Headers", "StartTimeoutSec", "CallTimeoutSec", "MaximumOutput", "MaximumMessageMB" };

    /// <summary>
    /// The servers as given, checked. <paramref name="saved"/>: for Register-EvolinkMcpServer, where a SecureString
    /// header cannot be kept (only a reference can), and a name cannot refer to another saved server.
    /// </summary>
    public static IReadOnlyList<McpServer> Read(IEnumerable<object?> given, bool saved = false)
    {
        IReadOnlyList<McpServer>? book = null;
        return given.Select(item => One(item, saved, () => book ??= McpServerBooks.ForCurrentUser().Load())).ToList();
    }

    /// <summary>
    /// The servers ready to start: every '{env:…}' and '{secret:…}' in their headers and variables replaced by its
    /// value, read now (after -WhatIf and -Confirm let the command go), secrets from the caller's vaults.
    /// </summary>
    public static IReadOnlyList<McpServer> Resolve(IReadOnlyList<McpServer> servers, PSCmdlet cmdlet)
    {
        PowerShellSecretStore? store = null;
        return servers.Select(server => McpValueReferences.Resolve(server, System.Environment.GetEnvironmentVariable, (name, vault) =>
            (store ??= new PowerShellSecretStore(cmdlet)).Get(name, vault) is { } secret ? new NetworkCredential(string.Empty, secret).Password : null)).ToList();
    }

    /// <summary>The error for a name no server is registered under.</summary>
    public static EvolinkException NotRegistered(string name) =>
        new(EvolinkErrorKind.InvalidInput, $"No MCP server is registered under the name '{ScreenText.OneLine(name)}'.", remedy: EvolinkRemedy.McpServerName);

    private static McpServer One(object? item, bool saved, Func<IReadOnlyList<McpServer>> book)
    {
        var value = PowerShellData.Unwrap(item);
        var server = value switch
        {
            IDictionary map => FromMap(map, saved),
            string url when Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase) =>
                new McpServer { Name = NameOf(uri), Url = uri },
            Uri uri => new McpServer { Name = NameOf(uri), Url = uri },
            McpServer registered when !saved => registered,
            string name when !saved && name.Trim().Length > 0 =>
                book().FirstOrDefault(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)) ?? throw NotRegistered(name),
            _ => throw Refused($"-McpServer takes a registered server's name, a hashtable or an https URL, not {(value is null ? "$null" : $"a {value.GetType().Name}")}."),
        };
        server.Check();
        return server;
    }

    private static McpServer FromMap(IDictionary map, bool saved)
    {
        var unknown = map.Keys.Cast<object>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture)!).Where(k => !Keys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
            throw Refused($"An MCP server's hashtable has no key {string.Join(", ", unknown.Select(k => $"'{k}'"))}; its keys are {string.Join(", ", Keys)}.");
        object? Get(string key) => map.Keys.Cast<object>().FirstOrDefault(k => string.Equals(Convert.ToString(k, CultureInfo.InvariantCulture), key, StringComparison.OrdinalIgnoreCase)) is { } found
            ? PowerShellData.Unwrap(map[found]) : null;
        var server = new McpServer
        {
            Name = Text(Get("Name")) ?? string.Empty,
            Command = Text(Get("Command")),
            Arguments = Get("Arguments") is { } arguments ? Items(arguments).Select(a => Text(a) ?? string.Empty).ToList() : Array.Empty<string>(),
            Environment = Pairs(Get("Environment"), "Environment", saved),
            WorkingDirectory = Text(Get("WorkingDirectory")),
            Headers = Pairs(Get("Headers"), "Headers", saved),
        };
        if (Get("Url") is { } url)
            server.Url = url as Uri ?? (Uri.TryCreate(Text(url), UriKind.Absolute, out var parsed) ? parsed : throw Refused($"'{url}' is not an absolute URL for the MCP server '{server.Name}'."));
        if (Seconds(Get("StartTimeoutSec"), "StartTimeoutSec") is { } start)
            server.StartTimeout = start;
        if (Seconds(Get("CallTimeoutSec"), "CallTimeoutSec") is { } call)
            server.CallTimeout = call;
        if (Get("MaximumOutput") is { } most)
            server.MaximumOutputCharacters = Convert.ToInt32(most, CultureInfo.InvariantCulture) is var n and >= 100 ? n : throw Refused("MaximumOutput is at least 100 characters.");
        if (Get("MaximumMessageMB") is { } largest)
            server.MaximumMessageBytes = Convert.ToInt32(largest, CultureInfo.InvariantCulture) is var mb and >= 1 and <= 1024 ? mb * 1024L * 1024L : throw Refused("MaximumMessageMB is a number of megabytes from 1 to 1024.");
        return server;
    }

    private static IEnumerable<object?> Items(object value) => value is IEnumerable items and not string ? items.Cast<object?>().Select(PowerShellData.Unwrap) : new[] { value };

    private static string? Text(object? value) => value switch
    {
        null => null,
        SecureString secret => new NetworkCredential(string.Empty, secret).Password,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static IReadOnlyDictionary<string, string> Pairs(object? value, string what, bool saved)
    {
        if (value is null)
            return new Dictionary<string, string>();
        if (value is not IDictionary map)
            throw Refused($"{what} of an MCP server is a hashtable of names and values.");
        if (saved && map.Values.Cast<object?>().Any(v => PowerShellData.Unwrap(v) is SecureString))
            throw new EvolinkException(EvolinkErrorKind.InvalidInput,
                $"A SecureString in {what} cannot be registered: its value would have to be written to the file. Keep it in a vault and write where it comes from instead, such as 'Bearer {{secret:McpToken}}'.");
        return map.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, CultureInfo.InvariantCulture)!, k => Text(PowerShellData.Unwrap(map[k])) ?? string.Empty);
    }

    private static TimeSpan? Seconds(object? value, string what)
    {
        if (value is null)
            return null;
        var seconds = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        return seconds is > 0 and <= 3600 ? TimeSpan.FromSeconds(seconds) : throw Refused($"{what} is a number of seconds from 1 to 3600.");
    }

    /// <summary>A server given only by its URL is named after its host: letters, digits and '-' (mcp.example.com → mcp-example-com).</summary>
    private static string NameOf(Uri uri)
    {
        var name = new string(uri.Host.Select(c => c < 128 && char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return name.Length <= 32 ? name : name.Substring(0, 32);
    }

    private static EvolinkException Refused(string message) => new(EvolinkErrorKind.InvalidInput, message, remedy: EvolinkRemedy.McpServerShape);
}
