using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Chat;
using Evolink.Chat.Input;
using Evolink.Configuration;
using Evolink.History;

namespace Evolink.Commands;

/// <summary>
/// What every chat command shares (Invoke-EvolinkChat, Enter-EvolinkChat)
/// beyond the model's fields: the system prompt, tools and reasoning shown,
/// declared once.
/// </summary>
public abstract class EvolinkChatCmdlet : EvolinkModelCmdlet
{
    /// <summary>Tools the model may call: from New-EvolinkTool (run here, each call through -WhatIf/-Confirm), or definitions as hashtables or JSON text (their calls are returned to you).</summary>
    [Parameter]
    [Alias("Tool")]
    [ValidateNotNullOrEmpty]
    public object[]? Tools { get; set; }

    /// <summary>How many rounds of tool calls are run before the chat stops; default 5.</summary>
    [Parameter]
    [ValidateRange(1, 50)]
    public int MaximumToolRounds { get; set; } = 5;

    /// <summary>Run the model's tool calls without asking for each one; for trusted scripts. -WhatIf and -Confirm still apply.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>MCP servers whose tools the model may call (each call confirmed as a PowerShell tool's): the name of a server registered with Register-EvolinkMcpServer, a hashtable such as @{ Name = 'files'; Command = 'npx'; Arguments = '-y', '@modelcontextprotocol/server-filesystem', $HOME }, or an https URL. Started when first needed, stopped when the command ends.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(McpServerNameCompleter))]
    public object[]? McpServer { get; set; }

    /// <summary>Offer only these of the MCP servers' tools (wildcards; the tool's own name or server__tool).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? McpTool { get; set; }

    /// <summary>none, auto, required, or the name of one tool.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ToolChoice { get; set; }

    /// <summary>Instructions sent first, as a system message; it replaces a system message the history already has.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SystemPrompt { get; set; }

    /// <summary>Show the model's reasoning on the host, dimmed (live with -Stream); it is never part of the text.</summary>
    [Parameter]
    public SwitchParameter ShowReasoning { get; set; }

    /// <summary>Show replies on the console as written, without rendering their Markdown (headings, emphasis, code, lists, tables).</summary>
    [Parameter]
    public SwitchParameter NoMarkdown { get; set; }

    /// <summary>Whether replies shown on this console have their Markdown rendered (see <see cref="MarkdownAnsi"/>).</summary>
    private protected bool RendersMarkdown => _rendersMarkdown ??= MarkdownAnsi.On(this, NoMarkdown);

    private bool? _rendersMarkdown;

    /// <summary>
    /// Where one streamed reply's text goes as it arrives: the host, its Markdown rendered when that is on;
    /// nothing in it may drive the terminal. Reasoning is shown dimmed beside it, as written.
    /// </summary>
    private protected HostText ReplyText()
    {
        var screen = new ReplyScreen(Host.UI, RendersMarkdown);
        return new HostText(screen.Write, ShowReasoning ? Reasoning() : null, Post, screen.End);
    }

    /// <summary>
    /// A writer for one reply's reasoning on the host: dimmed where the module's colours are on,
    /// otherwise each of its lines starts with "| ", so it stays apart from the answer in plain text too.
    /// </summary>
    private protected Action<string> Reasoning()
    {
        if (HostStyle.Colours(this))
        {
            return text =>
            {
                try
                {
                    Host.UI.Write(ConsoleColor.DarkGray, Host.UI.RawUI.BackgroundColor, ScreenText.Safe(text));
                }
                catch (Exception ex) when (ex is NotImplementedException or System.Management.Automation.Host.HostException or NotSupportedException)
                {
                    Host.UI.Write(ScreenText.Safe(text));
                }
            };
        }
        var lineStart = true;
        return text =>
        {
            var marked = new System.Text.StringBuilder(text.Length + 8);
            foreach (var c in ScreenText.Safe(text))
            {
                if (lineStart && c != '\n')
                    marked.Append("| ");
                marked.Append(c);
                lineStart = c == '\n';
            }
            Host.UI.Write(marked.ToString());
        };
    }

    private Evolink.Mcp.McpToolbox? _mcp;
    private ToolConsent? _consent;

    /// <summary>Whether the model is offered tools this command runs: PowerShell tools, or MCP servers' tools.</summary>
    private protected bool RunsTools => RunnableTools.Count > 0 || McpServer is { Length: > 0 };

    /// <summary>The servers as given, checked (a wrong one stops the command before anything starts).</summary>
    private protected IReadOnlyList<Evolink.Mcp.McpServer> McpServers() => McpServerInput.Read(McpServer ?? Array.Empty<object>());

    /// <summary>
    /// The MCP servers' tools added to the request. The servers start on the first call that needs them (after
    /// -WhatIf and -Confirm have let the request go), and stay for the rest of the command.
    /// </summary>
    private protected void AddMcpTools(ChatRequest request)
    {
        if (McpServer is not { Length: > 0 })
            return;
        if (_mcp is null)
        {
            var servers = McpServerInput.Resolve(McpServers(), this);
            _mcp = Await(token => Evolink.Mcp.McpToolbox.ConnectAsync(servers, McpTool ?? Array.Empty<string>(), token));
            foreach (var left in _mcp.NotOffered)
                Warning($"An MCP tool is not offered to the model: {ScreenText.OneLine(left)}");
        }
        request.Tools ??= new List<ToolDefinition>();
        request.Tools.AddRange(_mcp.Definitions);
    }

    /// <summary>What runs the model's tool calls: PowerShell tools and MCP servers' tools, with one confirmation rule for both.</summary>
    private protected Evolink.ToolCalling.IToolRunner ToolRunner()
    {
        _consent ??= new ToolConsent(this, Force);
        var runners = new List<Evolink.ToolCalling.IToolRunner> { new PowerShellToolRunner(RunnableTools, this, Post, _consent) };
        if (_mcp is not null)
            runners.Add(new McpToolRunner(_mcp, this, Post, _consent));
        return new Evolink.ToolCalling.ToolRunners(runners);
    }

    /// <summary>Ctrl+C: the servers go at once, not whenever PowerShell disposes the stopped command.</summary>
    protected override void StopProcessing()
    {
        base.StopProcessing();
        if (Interlocked.Exchange(ref _mcp, null) is { } mcp)
            _ = mcp.CloseAsync();
    }

    /// <summary>The servers this command started are stopped when it ends: done, failed, or stopped with Ctrl+C.</summary>
    protected override void Release()
    {
        if (Interlocked.Exchange(ref _mcp, null) is { } mcp)
            mcp.CloseAsync().GetAwaiter().GetResult();
        base.Release();
    }

    private protected List<PowerShellTool> RunnableTools =>
        (Tools ?? Array.Empty<object>()).Select(t => PowerShellData.Unwrap(t)).OfType<PowerShellTool>().Where(t => t.CanRun).ToList();

    /// <summary>The request fields every chat command sends: the model's, and the tools.</summary>
    private protected ChatOptions SharedOptions()
    {
        var options = ModelOptions();
        options.Tools = Tools?.Select(tool => PowerShellData.Unwrap(tool) is PowerShellTool runnable ? runnable.Definition : PowerShellData.Unwrap(tool)!).ToList();
        options.ToolChoice = ToolChoice;
        return options;
    }
}
