using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace Evolink.Module.Tests;

/// <summary>
/// Records every write with its time, and answers prompts from queued
/// answers. A prompt with no answer queued, or any prompt when the host is
/// not interactive, is refused with the exception PowerShell's own console
/// host throws in non-interactive mode, and is still recorded.
/// </summary>
public sealed class RecordingHostUserInterface : PSHostUserInterface
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<string> _answers = new();

    public RecordingHostUserInterface(bool interactive) => Interactive = interactive;

    public bool Interactive { get; set; }

    /// <summary>As pwsh's console host says it under -NonInteractive: reads and prompts are refused.</summary>
    internal bool ThrowOnReadAndPrompt => !Interactive;

    /// <summary>Answers a prompt when no answer is queued, as a user with a fixed habit would (say yes, type the key).</summary>
    public Func<HostPrompt, string>? Responder { get; set; }

    public ConcurrentQueue<HostWrite> Writes { get; } = new();

    public ConcurrentQueue<HostPrompt> Prompts { get; } = new();

    public override PSHostRawUserInterface RawUI { get; } = new RecordingRawUserInterface();

    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Queues answers for the next prompts: a choice by its label or hot key ("Y", "&amp;No", "No to All"), or a line of text.</summary>
    public void Answer(params string[] answers)
    {
        foreach (var answer in answers)
            _answers.Enqueue(answer);
    }

    /// <summary>What a console would show for the output streams (text, lines, errors, warnings, verbose, debug, information), in order, as a person reads it (colour escapes left out; the raw writes keep them).</summary>
    public string Screen => Render(Writes);

    public static string Render(IEnumerable<HostWrite> writes) =>
        System.Text.RegularExpressions.Regex.Replace(RenderRaw(writes), "\x1b\\[[0-9;?]*[A-Za-z]", string.Empty);

    private static string RenderRaw(IEnumerable<HostWrite> writes)
    {
        var text = new StringBuilder();
        foreach (var write in writes)
        {
            switch (write.Kind)
            {
                case HostWriteKind.Text:
                    text.Append(write.Text);
                    break;
                case HostWriteKind.Progress:
                    break;
                case HostWriteKind.Line:
                    text.Append(write.Text).Append('\n');
                    break;
                default:
                    text.Append(Prefix(write.Kind)).Append(write.Text).Append('\n');
                    break;
            }
        }
        return text.ToString();
    }

    private static string Prefix(HostWriteKind kind) => kind switch
    {
        HostWriteKind.Warning => "WARNING: ",
        HostWriteKind.Verbose => "VERBOSE: ",
        HostWriteKind.Debug => "DEBUG: ",
        _ => string.Empty,
    };

    private void Record(HostWriteKind kind, string text, ConsoleColor? foreground = null) =>
        Writes.Enqueue(new HostWrite(kind, text, foreground, _clock.Elapsed));

    public override void Write(string value) => Record(HostWriteKind.Text, value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Record(HostWriteKind.Text, value, foregroundColor);
    public override void WriteLine(string value) => Record(HostWriteKind.Line, value);
    public override void WriteLine() => Record(HostWriteKind.Line, string.Empty);
    public override void WriteLine(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Record(HostWriteKind.Line, value, foregroundColor);
    public override void WriteErrorLine(string value) => Record(HostWriteKind.Error, value);
    public override void WriteWarningLine(string message) => Record(HostWriteKind.Warning, message);
    public override void WriteVerboseLine(string message) => Record(HostWriteKind.Verbose, message);
    public override void WriteDebugLine(string message) => Record(HostWriteKind.Debug, message);
    public override void WriteInformation(InformationRecord record) => Record(HostWriteKind.Information, record.MessageData?.ToString() ?? string.Empty);
    public override void WriteProgress(long sourceId, ProgressRecord record) => Record(HostWriteKind.Progress, record.Activity + ": " + record.StatusDescription);

    public override string ReadLine() => Next("ReadLine", string.Empty, string.Empty, Array.Empty<string>());

    public override SecureString ReadLineAsSecureString()
    {
        var secure = new SecureString();
        foreach (var c in Next("ReadLineAsSecureString", string.Empty, string.Empty, Array.Empty<string>()))
            secure.AppendChar(c);
        return secure;
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        var answers = new Dictionary<string, PSObject>();
        foreach (var field in descriptions)
        {
            var text = Next("Prompt", caption, message, new[] { field.Name });
            answers[field.Name] = field.ParameterTypeFullName == typeof(SecureString).FullName
                ? PSObject.AsPSObject(Secure(text))
                : PSObject.AsPSObject(text);
        }
        return answers;
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        var labels = choices.Select(c => c.Label).ToArray();
        var answer = Next("Choice", caption, message, labels);
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            var plain = label.Replace("&", string.Empty);
            var hotKey = label.IndexOf('&') is var amp and >= 0 && amp + 1 < label.Length ? label[amp + 1].ToString() : null;
            if (string.Equals(answer, label, StringComparison.OrdinalIgnoreCase) || string.Equals(answer, plain, StringComparison.OrdinalIgnoreCase)
                || string.Equals(answer, hotKey, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        throw new InvalidOperationException($"The test answered '{answer}' but the choices were: {string.Join(", ", labels)}.");
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        new(userName ?? "user", Secure(Next("Credential", caption, message, Array.Empty<string>())));

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => PromptForCredential(caption, message, userName, targetName);

    private string Next(string kind, string caption, string message, string[] choices)
    {
        string? answer = null;
        if (Interactive && !_answers.TryDequeue(out answer) && Responder is not null)
            answer = Responder(new HostPrompt(kind, caption, message, choices, null));
        if (answer is null)
        {
            Prompts.Enqueue(new HostPrompt(kind, caption, message, choices, null));
            // What ConsoleHost throws under -NonInteractive; a prompt the test did not expect is refused the same way.
            throw new PSInvalidOperationException(Interactive
                ? $"The test host was asked '{caption}: {message}' with no answer queued."
                : "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.");
        }
        Prompts.Enqueue(new HostPrompt(kind, caption, message, choices, answer));
        return answer;
    }

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
            secure.AppendChar(c);
        return secure;
    }
}
