using System;
using Evolink.Errors;

namespace Evolink.Connection;

/// <summary>How one step of a connection check ended.</summary>
public enum StepResult
{
    Passed,
    /// <summary>Works, with something worth knowing.</summary>
    Warning,
    Failed,
    /// <summary>Not tried: an earlier step failed, or it does not apply.</summary>
    Skipped,
}

/// <summary>One step of a connection check: what was tried, against what, how it ended, how long it took, and what was seen.</summary>
public sealed class ConnectionStep
{
    public ConnectionStep(string step, string target, StepResult result, TimeSpan duration, string detail, EvolinkRemedy remedy = EvolinkRemedy.None)
    {
        Step = step;
        Target = target;
        Result = result;
        Duration = duration;
        Detail = detail;
        Remedy = remedy;
    }

    /// <summary>Settings, Proxy, DNS, TCP, TLS, HTTP, Credits, Latency or Verdict.</summary>
    public string Step { get; }

    /// <summary>The host (or setting) the step was about.</summary>
    public string Target { get; }

    public StepResult Result { get; }
    public TimeSpan Duration { get; }

    /// <summary>What was seen, in facts: addresses, the hop and why, the certificate, the status.</summary>
    public string Detail { get; }

    /// <summary>What the caller can change when the step did not pass; a host words it as advice.</summary>
    public EvolinkRemedy Remedy { get; }

    /// <summary>The host's advice for <see cref="Remedy"/>.</summary>
    public string? Advice { get; set; }

    public override string ToString() => $"{Step} {Target}: {Result} ({Detail})";
}
