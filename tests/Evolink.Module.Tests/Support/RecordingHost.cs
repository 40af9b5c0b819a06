using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace Evolink.Module.Tests;

/// <summary>
/// A PowerShell host of the tests' own: what a console would show is
/// recorded by <see cref="RecordingHostUserInterface"/>, prompts are answered
/// from what the test queued, and <see cref="Interactive"/> false refuses
/// every prompt as <c>pwsh -NonInteractive</c> does.
/// </summary>
public sealed class RecordingHost : PSHost
{
    private readonly Guid _id = Guid.NewGuid();

    public RecordingHost(bool interactive = true) => Recorder = new RecordingHostUserInterface(interactive);

    public RecordingHostUserInterface Recorder { get; }

    public bool Interactive => Recorder.Interactive;

    public override string Name => "EvolinkTestHost";
    public override Version Version => new(1, 0);
    public override Guid InstanceId => _id;
    public override PSHostUserInterface UI => Recorder;
    public override CultureInfo CurrentCulture => CultureInfo.GetCultureInfo("en-US");
    public override CultureInfo CurrentUICulture => CultureInfo.GetCultureInfo("en-US");

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    public int? ExitCode { get; private set; }

    public override void EnterNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");
    public override void ExitNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}
