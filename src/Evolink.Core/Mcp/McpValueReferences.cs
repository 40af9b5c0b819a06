using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Evolink.Errors;

namespace Evolink.Mcp;

/// <summary>
/// Where a server's header or variable takes its value from, written inside the value: <c>{env:NAME}</c> for an
/// environment variable, <c>{secret:Name}</c> or <c>{secret:Name@Vault}</c> for a secret of the caller's vaults, as in
/// <c>Bearer {secret:GitHubToken}</c>. A saved server keeps only these references, so a token is never written to a
/// file; they are read when the server is about to be used, and the values go to the server alone.
/// </summary>
public static class McpValueReferences
{
    private static readonly Regex Reference = new(@"\{(?<kind>env|secret):(?<name>[^{}@]+)(?:@(?<vault>[^{}]+))?\}",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    /// <summary>Whether the value takes all or part of itself from a variable or a secret.</summary>
    public static bool HasReference(string value) => Reference.IsMatch(value);

    /// <summary>
    /// Refuses a server that cannot be saved as it is: a header whose value is text in the clear (a header is where
    /// tokens go, and the file is no place for one).
    /// </summary>
    public static void CheckSavable(McpServer server)
    {
        var plain = server.Headers.Where(h => !HasReference(h.Value)).Select(h => h.Key).ToList();
        if (plain.Count > 0)
            throw new EvolinkException(EvolinkErrorKind.InvalidInput,
                $"The header{(plain.Count > 1 ? "s" : string.Empty)} {string.Join(", ", plain.Select(p => $"'{p}'"))} of the MCP server '{server.Name}' would be saved as text: " +
                "a saved header takes its value from a secret or an environment variable, such as 'Bearer {secret:McpToken}' or '{env:MCP_TOKEN}', so no token is ever written to a file.");
    }

    /// <summary>
    /// The server with every reference in its headers and variables replaced by its value. A variable that is not set
    /// or a secret that is not found stops here, before anything is started, naming the reference (never a value).
    /// </summary>
    public static McpServer Resolve(McpServer server, Func<string, string?> variable, Func<string, string?, string?> secret)
    {
        if (!server.Headers.Values.Concat(server.Environment.Values).Any(HasReference))
            return server;
        string Fill(string value, string what) => Reference.Replace(value, match =>
        {
            var name = match.Groups["name"].Value.Trim();
            if (match.Groups["kind"].Value.Equals("env", StringComparison.OrdinalIgnoreCase))
                return variable(name) is { Length: > 0 } set ? set : throw Missing(server, what, $"the environment variable {name}, which is not set");
            var vault = match.Groups["vault"].Success ? match.Groups["vault"].Value.Trim() : null;
            return secret(name, vault) is { Length: > 0 } found ? found
                : throw Missing(server, what, $"the secret '{name}'{(vault is null ? string.Empty : $" of the vault '{vault}'")}, which was not found");
        });
        var copy = server.Copy();
        copy.Headers = server.Headers.ToDictionary(h => h.Key, h => Fill(h.Value, $"header {h.Key}"));
        copy.Environment = server.Environment.ToDictionary(e => e.Key, e => Fill(e.Value, $"variable {e.Key}"));
        return copy;
    }

    private static EvolinkException Missing(McpServer server, string what, string source) =>
        new(EvolinkErrorKind.Configuration, $"The MCP server '{server.Name}' takes its {what} from {source}.", remedy: EvolinkRemedy.McpValueReference);
}
