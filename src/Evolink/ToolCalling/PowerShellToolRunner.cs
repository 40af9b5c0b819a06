using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Serialization;
using Evolink.ToolCalling;

namespace Evolink.Commands;

/// <summary>
/// Runs the model's tool calls as PowerShell commands, on the pipeline thread
/// (posted through the cmdlet's pump). Each call is asked about once, unless
/// -Force (and no -Confirm) says the script trusts its tools. -WhatIf never
/// gets here: the chat request itself is not sent.
/// </summary>
internal sealed class PowerShellToolRunner : IToolRunner
{
    private readonly Dictionary<string, PowerShellTool> _tools;
    private readonly EvolinkCmdlet _cmdlet;
    private readonly Action<Action> _post;
    private readonly ToolConsent _consent;

    public PowerShellToolRunner(IEnumerable<PowerShellTool> tools, EvolinkCmdlet cmdlet, Action<Action> post, ToolConsent consent)
    {
        _tools = tools.Where(t => t.CanRun).ToDictionary(t => t.Name, StringComparer.Ordinal);
        _cmdlet = cmdlet;
        _post = post;
        _consent = consent;
    }

    public bool CanRun(string toolName) => _tools.ContainsKey(toolName);

    public Task<string> RunAsync(string toolName, IDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _post(() =>
        {
            try
            {
                done.SetResult(Run(_tools[toolName], arguments));
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        });
        return done.Task;
    }

    private string Run(PowerShellTool tool, IDictionary<string, object?> arguments)
    {
        // Common parameters are never the model's to set: -Confirm:$false, -OutVariable global:x, -ErrorAction and the like.
        var common = arguments.Keys.Where(name => CommonParameters.Contains(name)).ToList();
        if (common.Count > 0)
            return $"Error: {string.Join(", ", common.Select(n => $"'{n}'"))} may not be set by a tool call; nothing was run. Call '{tool.Name}' with its own arguments only.";
        var shown = ScreenText.OneLine(tool.Name) + string.Concat(arguments.Select(a => $" -{ScreenText.OneLine(a.Key)} {Show(a.Value)}"));
        _cmdlet.Verbose($"The model calls: {shown}");
        if (!_consent.Allows(shown))
            return "The user declined this call.";

        using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        var splat = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var argument in arguments)
            splat[argument.Key] = ToPowerShell(argument.Value);
        if (tool.Command is not null)
            shell.AddCommand(tool.Command).AddParameters(splat);
        else
            shell.AddScript("param($Body, $Arguments) & $Body @Arguments").AddArgument(tool.ScriptBlock).AddArgument(splat);
        var output = shell.Invoke();
        var errors = shell.Streams.Error.Select(e => e.ToString()).ToList();
        if (output.Count == 0 && errors.Count > 0)
            throw new InvalidOperationException(string.Join("; ", errors));
        var text = Serialize(output);
        return errors.Count == 0 ? text : text + "\nErrors: " + string.Join("; ", errors);
    }

    /// <summary>How wide the tool's output is laid out for the model: a wide console's width.</summary>
    private const int OutputWidth = 160;

    /// <summary>
    /// What the model sees of a command's output is what a person would see: text as it is, objects in
    /// their default view (Out-String), not every property serialised (a process object drags in its
    /// handles and modules). The tool loop then masks the key and bounds the length.
    /// </summary>
    private static string Serialize(IList<PSObject> output)
    {
        if (output.All(o => o?.BaseObject is string))
            return string.Join("\n", output.Select(o => (string)o.BaseObject));
        // As written to a file: plain text, without the colours PowerShell 7.2+ puts in table headers (the user's setting is put back).
        using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddScript("""
            param($Width)
            $style = Get-Variable PSStyle -ValueOnly -ErrorAction Ignore
            $rendering = if ($style) { $style.OutputRendering }
            try { if ($style) { $style.OutputRendering = 'PlainText' }; $input | Out-String -Width $Width }
            finally { if ($style) { $style.OutputRendering = $rendering } }
            """).AddArgument(OutputWidth);
        var shown = shell.Invoke(output);
        return string.Concat(shown.Select(s => s.ToString())).Trim('\r', '\n');
    }

    private static object? ToPowerShell(object? value) => value switch
    {
        IDictionary<string, object?> map => new Hashtable(map.ToDictionary(p => p.Key, p => ToPowerShell(p.Value))),
        List<object?> list => list.Select(ToPowerShell).ToArray(),
        _ => value,
    };

    private static readonly HashSet<string> CommonParameters = new(
        Cmdlet.CommonParameters.Concat(Cmdlet.OptionalCommonParameters).Concat(new[] { "ProgressAction" }), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How an argument is shown in the question and on the verbose stream:
    /// as PowerShell would quote it, on one line with every control and
    /// bidirectional character written out (an escape sequence, a carriage
    /// return or an override could draw over or reorder what is approved),
    /// and nested values as JSON.
    /// </summary>
    private static string Show(object? value) => value switch
    {
        string text => "'" + ScreenText.OneLine(text.Replace("'", "''")) + "'",
        bool flag => flag ? "$true" : "$false",
        null => "$null",
        IDictionary<string, object?> or List<object?> => ScreenText.OneLine(PlainData.ToJsonText(value)),
        _ => ScreenText.OneLine(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty),
    };
}
