using System;
using System.Linq;
using System.Management.Automation;
using Evolink.Configuration;
using Evolink.Connection;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Tells why Evolink cannot be reached, step by step: settings, proxy, DNS, TCP, TLS, the API with the key, credits and latency.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "EvolinkConnection")]
[OutputType(typeof(ConnectionStep), typeof(bool))]
public sealed class TestEvolinkConnectionCommand : EvolinkGatewayCmdlet
{
    /// <summary>Return only $true (every step passed or warned) or $false, for scripts.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    private bool _failed;
    private bool _showProgress;

    // The settings are checked as the first step, not as a stop before any step.
    protected override void BeginProcessing()
    {
        _showProgress = HostInput.SomeoneWatchesProgress(this);
    }

    protected override void EndProcessing()
    {
        var timer = System.Diagnostics.Stopwatch.StartNew();
        ResolvedSettings resolved;
        try
        {
            resolved = ResolveSettings();
        }
        catch (EvolinkException ex)
        {
            Emit(new ConnectionStep("Settings", "configuration", StepResult.Failed, timer.Elapsed, ex.Message, ex.Remedy));
            Emit(new ConnectionStep("Verdict", "configuration", StepResult.Failed, TimeSpan.Zero, "No call can be made with these settings.", ex.Remedy));
            Finish();
            return;
        }
        Emit(new ConnectionStep("Settings", resolved.Options.BaseUri.Host, StepResult.Passed, timer.Elapsed, Describe(resolved)));
        var check = new ConnectionCheck(resolved.Options);
        Await(token => check.RunAsync(step => Post(() => Emit(step)), token));
        Finish();
    }

    private void Emit(ConnectionStep step)
    {
        step.Advice = Advice.For(step.Remedy);
        _failed |= step.Result == StepResult.Failed;
        // Each step as it ends, for a person waiting on a slow network; cleared at the verdict.
        if (_showProgress)
            WriteProgress(new ProgressRecord(0x45764D, "Test-EvolinkConnection", $"{step.Step}: {step.Result}")
            {
                RecordType = step.Step == "Verdict" ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            });
        if (!Quiet)
            WriteObject(step);
    }

    private void Finish()
    {
        if (Quiet)
            WriteObject(!_failed);
    }

    private string Describe(ResolvedSettings resolved)
    {
        var options = resolved.Options;
        var network = options.Network;
        // The resolved settings already say where each value came from; the file is not read again.
        var where = resolved.Settings.SourceOf(Settings.BaseUri.Name);
        var parts = new[]
        {
            $"gateway {options.BaseUri} ({where})",
            options.FallbackBaseUri is null ? "no fallback host" : $"fallback {options.FallbackBaseUri}",
            $"key from {Advice.Source(resolved.Key)}",
            network.NoProxy ? "no proxy" : network.Proxy is not null ? $"proxy {network.Proxy} ({network.ProxySource})"
                : network.Variables.Any ? "proxy from the proxy variables" : network.SavedProxy is not null ? $"proxy {network.SavedProxy} (file)"
                // Only Windows has proxy settings beyond the variables; elsewhere nothing set means direct.
                : System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows) ? "the system's proxy settings" : "no proxy set: direct",
            network.SkipCertificateCheck ? "certificates not checked" : network.CertificateAuthorityFile is not null ? $"also trusting {network.CertificateAuthorityFile}" : "system certificate trust",
            network.HttpVersion is null ? "HTTP/2 where offered" : $"HTTP/{network.HttpVersion}",
        };
        return string.Join("; ", parts.Where(p => p.Length > 0));
    }
}
