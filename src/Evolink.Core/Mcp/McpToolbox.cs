using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Chat;
using Evolink.Errors;
using Evolink.Loading;
using Evolink.Structured;
using Evolink.ToolCalling;

namespace Evolink.Mcp;

/// <summary>
/// The tools of the MCP servers a command uses: each server connected once, its tools offered to the model as
/// <c>server__tool</c> (so two servers cannot collide, and the model's name says whose tool it is), each call's
/// arguments checked against the tool's own schema before anything is sent to the server, each call bounded in time
/// and output. Disposing it ends every session and stops every server it started.
/// </summary>
public sealed class McpToolbox : IAsyncDisposable
{
    private const string Separator = "__";

    private readonly List<IMcpConnection> _connections = new();
    private readonly Dictionary<string, Offered> _offered = new(StringComparer.Ordinal);
    private readonly List<string> _notOffered = new();

    private McpToolbox() { }

    /// <summary>The tools offered to the model, in the servers' order.</summary>
    public IReadOnlyList<ToolDefinition> Definitions => _offered.Values.Select(o => o.Definition).ToList();

    /// <summary>Tools left out, each with why (a schema that cannot be checked, a name too long): for a warning.</summary>
    public IReadOnlyList<string> NotOffered => _notOffered;

    /// <summary>Every tool of every server, offered or not, as its server describes it.</summary>
    public IReadOnlyList<McpToolInfo> AllTools => _connections.SelectMany(c => c.Tools).ToList();

    /// <summary>
    /// Connects each server (all at once), and keeps the tools whose names match one of <paramref name="toolFilter"/>
    /// (wildcards, against the offered name or the server's own; all when empty). A server that fails stops the whole
    /// connect, and the servers already started are stopped again.
    /// </summary>
    public static async Task<McpToolbox> ConnectAsync(IReadOnlyList<McpServer> servers, IReadOnlyList<string> toolFilter, CancellationToken cancellationToken, IMcpLibrary? library = null)
    {
        foreach (var server in servers)
            server.Check();
        var duplicate = servers.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new EvolinkException(EvolinkErrorKind.InvalidInput, $"Two MCP servers are named '{duplicate.Key}'; give each its own name.", remedy: EvolinkRemedy.McpServerShape);
        library ??= LibraryAdapters.Create<IMcpLibrary>("Evolink.Libraries.Mcp.McpSdkLibrary");
        var box = new McpToolbox();
        var connecting = servers.Select(server => library.ConnectAsync(server, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(connecting).ConfigureAwait(false);
        }
        catch
        {
            foreach (var done in connecting.Where(t => t.Status == TaskStatus.RanToCompletion))
                await done.Result.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        box._connections.AddRange(connecting.Select(t => t.Result));
        var filters = toolFilter.Select(Wildcard).ToList();
        foreach (var connection in box._connections)
        {
            foreach (var tool in connection.Tools)
            {
                var offeredName = connection.Server.Name + Separator + tool.Name;
                if (filters.Count > 0 && !filters.Any(f => f.IsMatch(offeredName) || f.IsMatch(tool.Name)))
                    continue;
                box.Offer(connection, tool, offeredName);
            }
        }
        return box;
    }

    private void Offer(IMcpConnection connection, McpToolInfo tool, string offeredName)
    {
        // The name the model calls must be one every provider takes; a tool whose name is not is left out, not renamed,
        // so what the user reads in a confirmation is the server's own name.
        if (offeredName.Length > 64 || offeredName.Any(c => !(c < 128 && char.IsLetterOrDigit(c) || c is '_' or '-')))
        {
            _notOffered.Add($"{connection.Server.Name}: '{tool.Name}' (its name cannot be offered to the model as '{offeredName}')");
            return;
        }
        ISchemaCheck check;
        try
        {
            check = SchemaChecks.For(tool.InputSchema);
        }
        catch (EvolinkException ex) when (ex.Kind == EvolinkErrorKind.InvalidInput)
        {
            _notOffered.Add($"{connection.Server.Name}: '{tool.Name}' (its arguments' schema cannot be checked: {ex.Message})");
            return;
        }
        var definition = new ToolDefinition
        {
            Function = new FunctionDefinition { Name = offeredName, Description = tool.Description, Parameters = tool.InputSchema },
        };
        _offered[offeredName] = new Offered(connection, tool, check, definition);
    }

    public bool Offers(string toolName) => _offered.ContainsKey(toolName);

    /// <summary>The server and the tool's own name behind an offered name, for a confirmation.</summary>
    public (McpServer Server, string Tool) Describe(string toolName) => (_offered[toolName].Connection.Server, _offered[toolName].Tool.Name);

    /// <summary>
    /// Problems with the arguments against the tool's schema, as the model should read them; null when they match.
    /// Checked before anything reaches the server, and before anyone is asked to confirm.
    /// </summary>
    public string? CheckArguments(string toolName, JsonElement arguments)
    {
        var errors = _offered[toolName].Check.Check(arguments);
        return errors.Count == 0 ? null
            : $"Error: the arguments do not match the schema of '{toolName}'; nothing was run. " + string.Join("; ", errors.Take(10)) + ".";
    }

    /// <summary>As <see cref="CheckArguments(string, JsonElement)"/>, the arguments as plain data (a caller's dictionary).</summary>
    public string? CheckArguments(string toolName, IDictionary<string, object?> arguments) => CheckArguments(toolName, Serialization.PlainData.ToJson(arguments));

    /// <summary>As <see cref="CallAsync(string, JsonElement, CancellationToken)"/>, the arguments as plain data.</summary>
    public Task<string> CallAsync(string toolName, IDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
        CallAsync(toolName, Serialization.PlainData.ToJson(arguments), cancellationToken);

    /// <summary>Calls the tool within its server's call time; the output's text, cut to the server's limit.</summary>
    public async Task<string> CallAsync(string toolName, JsonElement arguments, CancellationToken cancellationToken)
    {
        var offered = _offered[toolName];
        var server = offered.Connection.Server;
        var values = arguments.ValueKind == JsonValueKind.Object
            ? arguments.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(server.CallTimeout);
        McpToolOutput output;
        try
        {
            output = await offered.Connection.CallAsync(offered.Tool.Name, values, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the MCP server '{server.Name}' did not answer within {server.CallTimeout.TotalSeconds:0} s");
        }
        var text = output.IsError ? "Error from the tool: " + output.Text : output.Text;
        return text.Length <= server.MaximumOutputCharacters
            ? text
            : text.Substring(0, server.MaximumOutputCharacters) + $"\n[Output cut: the first {server.MaximumOutputCharacters} of {text.Length} characters are shown.]";
    }

    /// <summary>The same as disposing, as a Task: what a caller without ValueTask (the netstandard2.0 cmdlets) waits on.</summary>
    public Task CloseAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Stopping a server that already died may fail; the others are still stopped.
            }
        }
        _connections.Clear();
    }

    private static Regex Wildcard(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private sealed class Offered
    {
        public Offered(IMcpConnection connection, McpToolInfo tool, ISchemaCheck check, ToolDefinition definition)
        {
            Connection = connection;
            Tool = tool;
            Check = check;
            Definition = definition;
        }

        public IMcpConnection Connection { get; }
        public McpToolInfo Tool { get; }
        public ISchemaCheck Check { get; }
        public ToolDefinition Definition { get; }
    }
}
