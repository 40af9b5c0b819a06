using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace Evolink.ModuleBenchmarks;

/// <summary>A console stand-in that keeps no text, only how much arrived and when the first and last of it did.</summary>
internal sealed class BenchHost : PSHost
{
    private readonly BenchUserInterface _ui = new();
    public override PSHostUserInterface UI => _ui;
    public BenchUserInterface Screen => _ui;
    public override string Name => "EvolinkBench";
    public override Version Version => new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }
}

internal sealed class BenchUserInterface : PSHostUserInterface
{
    private readonly Stopwatch _clock = new();

    public long Characters { get; private set; }
    public TimeSpan? FirstText { get; private set; }
    public TimeSpan LastText { get; private set; }

    public void Start()
    {
        Characters = 0;
        FirstText = null;
        _clock.Restart();
    }

    private void Seen(string text)
    {
        if (text.Length == 0)
            return;
        Characters += text.Length;
        FirstText ??= _clock.Elapsed;
        LastText = _clock.Elapsed;
    }

    public override PSHostRawUserInterface RawUI { get; } = new BenchRawUserInterface();

    /// <summary>A console that understands escape sequences, as a user's terminal does: replies are rendered as Markdown unless -NoMarkdown.</summary>
    public override bool SupportsVirtualTerminal => true;
    public override void Write(string value) => Seen(value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Seen(value);
    public override void WriteLine(string value) => Seen(value + "\n");
    public override void WriteErrorLine(string value) => Console.Error.WriteLine(value);
    public override void WriteDebugLine(string message) { }
    public override void WriteProgress(long sourceId, ProgressRecord record) { }
    public override void WriteVerboseLine(string message) { }
    public override void WriteWarningLine(string message) => Console.Error.WriteLine("WARNING: " + message);
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => defaultChoice;
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
    public override string ReadLine() => throw new NotSupportedException();
    public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
}

internal sealed class BenchRawUserInterface : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override Size BufferSize { get; set; } = new(120, 50);
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; }
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(120, 50);
    public override Size MaxWindowSize => new(120, 50);
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get; set; } = new(120, 50);
    public override string WindowTitle { get; set; } = string.Empty;
    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
