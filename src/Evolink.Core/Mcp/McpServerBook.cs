using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Evolink.Errors;
using Evolink.Files;

namespace Evolink.Mcp;

/// <summary>
/// The MCP servers a user has named once, to use by name afterwards: mcp-servers.json beside the configuration
/// file (so EVOLINK_CONFIG moves both), written atomically under a lock and readable by the user alone. Headers are
/// kept as references to secrets or variables (<see cref="McpValueReferences"/>), never as values.
/// </summary>
public sealed class McpServerBook
{
    public const string FileName = "mcp-servers.json";

    /// <summary>Far more than any list of servers; a file larger than this is not one.</summary>
    private const long MaximumFileBytes = 1024 * 1024;

    public McpServerBook(string path) => Path = path;

    public string Path { get; }

    /// <summary>The book beside a configuration file.</summary>
    public static McpServerBook Beside(string configurationPath) =>
        new(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(configurationPath))!, FileName));

    /// <summary>The servers in the order they were registered; none when there is no file. A file that is not one stops here, naming it.</summary>
    public IReadOnlyList<McpServer> Load()
    {
        if (!File.Exists(Path))
            return Array.Empty<McpServer>();
        try
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > MaximumFileBytes)
                throw Unreadable($"it is {stream.Length:N0} bytes, more than a list of servers ever is");
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 16 });
            return Read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw Unreadable($"it is not JSON ({ex.Message})");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(ex.Message);
        }
    }

    /// <summary>The server of that name (case does not matter), or null.</summary>
    public McpServer? Find(string name) => Load().FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Loads, changes and saves under a lock, so two sessions registering at once keep both; nothing is written when nothing changed.</summary>
    public bool Update(Func<List<McpServer>, bool> change)
    {
        using var held = FileLock.Acquire(UserFolders.Current.LockFor(Path), TimeSpan.FromSeconds(10));
        var servers = Load().ToList();
        if (!change(servers))
            return false;
        foreach (var server in servers)
        {
            server.Check();
            McpValueReferences.CheckSavable(server);
        }
        AtomicFile.WriteAllText(Path, Write(servers));
        return true;
    }

    private IReadOnlyList<McpServer> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("servers", out var servers) || servers.ValueKind != JsonValueKind.Object)
            throw Unreadable("it has no \"servers\" object");
        var found = new List<McpServer>();
        foreach (var entry in servers.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object)
                throw Unreadable($"the server '{entry.Name}' is not an object");
            var server = new McpServer { Name = entry.Name };
            foreach (var field in entry.Value.EnumerateObject())
            {
                switch (field.Name)
                {
                    case "command": server.Command = Text(field); break;
                    case "arguments": server.Arguments = field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : throw Wrong(entry.Name, field.Name)).ToList() : throw Wrong(entry.Name, field.Name); break;
                    case "environment": server.Environment = Pairs(entry.Name, field); break;
                    case "workingDirectory": server.WorkingDirectory = Text(field); break;
                    case "url": server.Url = Uri.TryCreate(Text(field), UriKind.Absolute, out var url) ? url : throw Wrong(entry.Name, field.Name); break;
                    case "headers": server.Headers = Pairs(entry.Name, field); break;
                    case "startTimeoutSec": server.StartTimeout = TimeSpan.FromSeconds(Number(entry.Name, field)); break;
                    case "callTimeoutSec": server.CallTimeout = TimeSpan.FromSeconds(Number(entry.Name, field)); break;
                    case "maximumOutput": server.MaximumOutputCharacters = (int)Number(entry.Name, field); break;
                    case "maximumMessageBytes": server.MaximumMessageBytes = (long)Number(entry.Name, field, long.MaxValue); break;
                    default: throw Unreadable($"the server '{entry.Name}' has a field '{field.Name}' this version does not know");
                }
            }
            try
            {
                server.Check();
            }
            catch (EvolinkException ex)
            {
                throw Unreadable(ex.Message);
            }
            found.Add(server);
        }
        return found;

        string? Text(JsonProperty field) => field.Value.ValueKind switch
        {
            JsonValueKind.String => field.Value.GetString(),
            JsonValueKind.Null => null,
            _ => throw Unreadable($"'{field.Name}' is not text"),
        };
    }

    private Dictionary<string, string> Pairs(string server, JsonProperty field) => field.Value.ValueKind == JsonValueKind.Object
        ? field.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw Wrong(server, field.Name))
        : throw Wrong(server, field.Name);

    private double Number(string server, JsonProperty field, double most = 3_600_000) =>
        field.Value.ValueKind == JsonValueKind.Number && field.Value.GetDouble() is var n && n > 0 && n <= most ? n : throw Wrong(server, field.Name);

    private static string Write(IEnumerable<McpServer> servers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("servers");
            foreach (var server in servers)
            {
                json.WriteStartObject(server.Name);
                if (server.Command is not null)
                {
                    json.WriteString("command", server.Command);
                    json.WriteStartArray("arguments");
                    foreach (var argument in server.Arguments)
                        json.WriteStringValue(argument);
                    json.WriteEndArray();
                    if (server.WorkingDirectory is not null)
                        json.WriteString("workingDirectory", server.WorkingDirectory);
                }
                if (server.Url is not null)
                    json.WriteString("url", server.Url.OriginalString);
                WritePairs(json, "environment", server.Environment);
                WritePairs(json, "headers", server.Headers);
                json.WriteNumber("startTimeoutSec", server.StartTimeout.TotalSeconds);
                json.WriteNumber("callTimeoutSec", server.CallTimeout.TotalSeconds);
                json.WriteNumber("maximumOutput", server.MaximumOutputCharacters);
                json.WriteNumber("maximumMessageBytes", server.MaximumMessageBytes);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WritePairs(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> pairs)
    {
        if (pairs.Count == 0)
            return;
        json.WriteStartObject(name);
        foreach (var pair in pairs)
            json.WriteString(pair.Key, pair.Value);
        json.WriteEndObject();
    }

    private EvolinkException Wrong(string server, string field) => Unreadable($"the server '{server}' has a '{field}' of the wrong kind");

    private EvolinkException Unreadable(string why) =>
        new(EvolinkErrorKind.Configuration, $"The MCP servers file '{Path}' cannot be used: {why}.", remedy: EvolinkRemedy.McpServerFile);
}
