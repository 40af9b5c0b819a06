using System;

namespace Evolink.Module.Tests;

/// <summary>What the host was asked to show: which kind of write, the text, its colour, and when (since the host was made).</summary>
public sealed record HostWrite(HostWriteKind Kind, string Text, ConsoleColor? Foreground, TimeSpan At);

public enum HostWriteKind
{
    Text,
    Line,
    Error,
    Warning,
    Verbose,
    Debug,
    Information,
    Progress,
}

/// <summary>A question the host was asked: a choice (with its labels), a prompt for fields, a line, or a credential.</summary>
public sealed record HostPrompt(string Kind, string Caption, string Message, string[] Choices, string? Answer);
