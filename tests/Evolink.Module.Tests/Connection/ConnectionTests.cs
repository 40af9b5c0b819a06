using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// Test-EvolinkConnection and the network parameters as a user meets them:
/// each step shown failing and passing, a proxy chosen by parameter and by
/// variable, an authenticating proxy, a self-signed gateway.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class ConnectionTests : ModuleTest, IAsyncLifetime
{
    private readonly TestCertificate _certificate = TestCertificate.Create("gateway.test", "localhost");
    private FakeGateway _secure = null!;

    public ConnectionTests(ModuleEnvironment env) : base(env) { }

    public async Task InitializeAsync() => _secure = await FakeGateway.StartAsync(apiKey: Env.Key, certificate: _certificate.Certificate);

    public async Task DisposeAsync()
    {
        await _secure.DisposeAsync();
        _certificate.Dispose();
    }

    private string Named => $"https://gateway.test:{_secure.BaseUri.Port}";
    private string Ca => Quote(_certificate.PemPath);

    private record Step(string Name, string Target, string Result, string Detail, string? Advice);

    private List<Step> Steps(string arguments)
    {
        var run = Run("Test-EvolinkConnection " + arguments);
        Assert.Empty(run.AllErrors);
        return run.Output.Select(o => (ConnectionStepView)o).Select(v => new Step(v.Step, v.Target, v.Result, v.Detail, v.Advice)).ToList();
    }

    private static Step One(List<Step> steps, string name) => steps.Single(s => s.Name == name);

    [Fact]
    public void Against_a_working_gateway_every_step_passes_and_Quiet_says_true()
    {
        var steps = Steps("");
        Assert.Equal(new[] { "Settings", "Proxy", "DNS", "TCP", "TLS", "HTTP", "Credits", "Latency", "Verdict" }, steps.Select(s => s.Name));
        Assert.All(steps.Where(s => s.Name != "TLS"), s => Assert.Equal("Passed", s.Result));
        Assert.Equal("Skipped", One(steps, "TLS").Result);
        Assert.Contains("direct: this machine is always reached directly", One(steps, "Proxy").Detail);
        Assert.Contains("environment (EVOLINK_BASE_URL)", One(steps, "Settings").Detail);
        Assert.Contains("key from the environment variable EVOLINK_API_KEY", One(steps, "Settings").Detail);
        Assert.Contains("models for this key", One(steps, "HTTP").Detail);
        Assert.Contains("median", One(steps, "Latency").Detail);
        Assert.All(steps, s => Assert.DoesNotContain(Env.Key, s.Detail));
        Assert.Equal(true, Shell.Value("Test-EvolinkConnection -Quiet"));
    }

    [Fact]
    public void An_unreachable_host_fails_at_DNS_and_a_refused_port_at_TCP_each_with_advice()
    {
        var dns = Steps("-BaseUri https://no-such-host.invalid -ConnectionTimeoutSeconds 5");
        Assert.Equal("Failed", One(dns, "DNS").Result);
        Assert.Contains("-BaseUri", One(dns, "DNS").Advice);
        Assert.Equal(new[] { "Skipped", "Skipped" }, new[] { One(dns, "TCP").Result, One(dns, "HTTP").Result });
        Assert.Equal("Failed", One(dns, "Verdict").Result);

        var tcp = Steps("-BaseUri http://127.0.0.1:9 -ConnectionTimeoutSeconds 5");
        Assert.Equal("Passed", One(tcp, "DNS").Result);
        Assert.Equal("Failed", One(tcp, "TCP").Result);
        Assert.Contains("refused", One(tcp, "TCP").Detail);
        Assert.Equal(false, Shell.Value("Test-EvolinkConnection -BaseUri http://127.0.0.1:9 -ConnectionTimeoutSeconds 5 -Quiet"));
    }

    [Fact]
    public void A_self_signed_gateway_fails_at_TLS_naming_the_authority_option_and_passes_with_it()
    {
        var refused = Steps($"-BaseUri {_secure.BaseUri}");
        var tls = One(refused, "TLS");
        Assert.Equal("Failed", tls.Result);
        Assert.Contains("not trusted", tls.Detail);
        Assert.Contains("CN=gateway.test", tls.Detail);
        Assert.Contains("-CertificateAuthorityFile", tls.Advice);

        var trusted = Steps($"-BaseUri {_secure.BaseUri} -CertificateAuthorityFile {Ca}");
        Assert.Equal("Passed", One(trusted, "TLS").Result);
        Assert.Matches("TLS 1\\.[23]; subject CN=gateway.test", One(trusted, "TLS").Detail);
        Assert.Equal("Passed", One(trusted, "Verdict").Result);
    }

    [Fact]
    public void SkipCertificateCheck_works_and_warns_each_time()
    {
        var run = Run($"Invoke-EvolinkChat 'hello' -BaseUri {_secure.BaseUri} -SkipCertificateCheck -AsText; Invoke-EvolinkChat 'again' -BaseUri {_secure.BaseUri} -SkipCertificateCheck -AsText").Succeeded();
        Assert.Equal(new object?[] { "hello", "again" }, run.Values);
        Assert.Equal(2, run.Warnings.Count(w => w.Message.Contains("-SkipCertificateCheck")));
    }

    [Fact]
    public void A_wrong_key_fails_at_HTTP_and_a_spent_balance_at_Credits()
    {
        var wrong = Steps("-ApiKey (ConvertTo-SecureString 'sk-wrong-key-000000' -AsPlainText -Force)");
        Assert.Equal("Failed", One(wrong, "HTTP").Result);
        Assert.Contains("401", One(wrong, "HTTP").Detail);
        Assert.Contains("Get-EvolinkConfiguration", One(wrong, "HTTP").Advice);

        Env.Gateway.CreditsStatus = 402;
        var spent = Steps("");
        Assert.Equal("Passed", One(spent, "HTTP").Result);
        Assert.Equal("Failed", One(spent, "Credits").Result);
        Assert.Contains("402", One(spent, "Credits").Detail);
        Assert.Equal("Failed", One(spent, "Verdict").Result);
    }

    [Fact]
    public void No_key_fails_the_settings_step_with_every_way_to_provide_one()
    {
        var run = Run("$env:EVOLINK_API_KEY = $null; Test-EvolinkConnection");
        var all = run.Output.Select(o => (ConnectionStepView)o).ToList();
        Assert.Equal(new[] { "Settings", "Verdict" }, all.Select(s => s.Step));
        Assert.Equal("Failed", all[0].Result);
        Assert.Contains("Set-EvolinkApiKey", all[0].Advice);
    }

    [Fact]
    public async Task Through_a_proxy_parameter_each_step_names_the_hop_and_the_chat_goes_through_the_tunnel()
    {
        await using var proxy = RecordingProxy.Start();
        var steps = Steps($"-BaseUri {Named} -Proxy {proxy.Uri} -CertificateAuthorityFile {Ca}");
        Assert.Contains($"through {proxy.Uri} (set in the parameter)", One(steps, "Proxy").Detail);
        Assert.Equal("127.0.0.1", One(steps, "DNS").Target);
        Assert.Equal("Passed", One(steps, "Tunnel").Result);
        Assert.Equal("Passed", One(steps, "TLS").Result);
        Assert.Equal("Passed", One(steps, "Verdict").Result);

        var run = Run($"Invoke-EvolinkChat 'via proxy' -BaseUri {Named} -Proxy {proxy.Uri} -CertificateAuthorityFile {Ca} -AsText").Succeeded();
        Assert.Equal("via proxy", run.Values.Single());
        Assert.All(proxy.Seen, s => Assert.Equal("CONNECT", s.Method));
        Assert.All(proxy.Seen, s => Assert.DoesNotContain(Env.Key, s.Head));
    }

    [Fact]
    public async Task HTTPS_PROXY_and_NO_PROXY_in_the_environment_choose_the_hop_as_shown()
    {
        await using var proxy = RecordingProxy.Start();
        Run($"$env:HTTPS_PROXY = '{proxy.Uri}'").Succeeded();
        var via = Steps($"-BaseUri {Named} -CertificateAuthorityFile {Ca} -ConnectionTimeoutSeconds 5");
        Assert.Contains("(from HTTPS_PROXY)", One(via, "Proxy").Detail);
        Assert.Equal("Passed", One(via, "Verdict").Result);

        Run("$env:NO_PROXY = '.test'").Succeeded();
        var direct = Steps($"-BaseUri {Named} -CertificateAuthorityFile {Ca} -ConnectionTimeoutSeconds 5");
        Assert.Contains("direct: NO_PROXY entry '.test'", One(direct, "Proxy").Detail);
        Assert.Equal("Failed", One(direct, "DNS").Result);

        var noProxy = Steps($"-BaseUri {Named} -NoProxy -ConnectionTimeoutSeconds 5");
        Assert.Contains("direct: no proxy was asked for", One(noProxy, "Proxy").Detail);
    }

    [Fact]
    public async Task An_authenticating_proxy_fails_the_tunnel_with_advice_and_passes_with_ProxyCredential()
    {
        await using var proxy = RecordingProxy.Start("alice", "s3cret-proxy-pass");
        var refused = Steps($"-BaseUri {Named} -Proxy {proxy.Uri} -CertificateAuthorityFile {Ca}");
        Assert.Equal("Failed", One(refused, "Tunnel").Result);
        Assert.Contains("407", One(refused, "Tunnel").Detail);
        Assert.Contains("-ProxyCredential", One(refused, "Tunnel").Advice);

        const string credential = "([pscredential]::new('alice', (ConvertTo-SecureString 's3cret-proxy-pass' -AsPlainText -Force)))";
        var passed = Steps($"-BaseUri {Named} -Proxy {proxy.Uri} -ProxyCredential {credential} -CertificateAuthorityFile {Ca}");
        Assert.Equal("Passed", One(passed, "Tunnel").Result);
        Assert.Equal("Passed", One(passed, "Verdict").Result);
        Assert.All(passed, s => Assert.DoesNotContain("s3cret-proxy-pass", s.Detail));
    }

    [Fact]
    public async Task A_proxy_that_echoes_the_credential_back_never_gets_it_onto_the_screen()
    {
        await using var proxy = RecordingProxy.Start("alice", "s3cret-proxy-pass", echo: true);
        const string wrong = "([pscredential]::new('alice', (ConvertTo-SecureString 'wrong-proxy-pass-123' -AsPlainText -Force)))";
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("alice:wrong-proxy-pass-123"));
        var steps = Steps($"-BaseUri {Named} -Proxy {proxy.Uri} -ProxyCredential {wrong} -CertificateAuthorityFile {Ca}");
        var tunnel = One(steps, "Tunnel");
        Assert.Equal("Failed", tunnel.Result);
        Assert.Contains("407", tunnel.Detail);
        Assert.Contains("Proxy-Authorization: Basic ***", tunnel.Detail);
        Assert.All(steps, s => Assert.DoesNotContain("wrong-proxy-pass-123", s.Detail));
        Assert.All(steps, s => Assert.DoesNotContain(basic, s.Detail));
    }

    [Fact]
    public void At_the_console_the_steps_are_a_table_with_the_advice_beside_a_failed_step()
    {
        var screen = RunAtConsole("Test-EvolinkConnection -BaseUri http://127.0.0.1:9 -ConnectionTimeoutSeconds 5").Screen;
        Assert.Matches(@"Step\s+Target\s+Result\s+ms\s+Detail", screen);
        Assert.Matches(@"TCP\s+127\.0\.0\.1:9\s+Failed", screen);
        Assert.Contains("-> ", screen);
        Assert.Contains("Verdict", screen);
    }

    private const string AliceCredential = "([pscredential]::new('alice', (ConvertTo-SecureString 's3cret-proxy-pass' -AsPlainText -Force)))";

    [Fact]
    public async Task A_session_proxy_credential_is_used_and_never_shown()
    {
        await using var proxy = RecordingProxy.Start("alice", "s3cret-proxy-pass");
        Run($"Set-EvolinkConfiguration -Scope Session -Proxy {proxy.Uri} -ProxyCredential {AliceCredential} -CertificateAuthorityFile {Ca}").Succeeded();
        // Shown or serialized, the session's settings never give the password away.
        var shown = (string)Shell.Value("Get-EvolinkConfiguration -Scope Session | ConvertTo-Json -Depth 4")!;
        Assert.DoesNotContain("s3cret-proxy-pass", shown);
        Assert.Contains("alice", shown);
        var run = Run($"Invoke-EvolinkChat 'session proxy' -BaseUri {Named} -AsText").Succeeded();
        Assert.Equal("session proxy", run.Values.Single());
        Assert.Contains(proxy.Seen, s => s.Head.Contains("Proxy-Authorization: Basic"));
        Assert.False(System.IO.File.Exists(Env.ConfigurationPath));
    }

    [Fact]
    public void WhatIf_stores_no_proxy_password_and_saves_nothing()
    {
        Run($"$global:SecretCalls = @(); Set-EvolinkConfiguration -Proxy http://proxy.corp:8080 -ProxyCredential {AliceCredential} -ProxyVault Work -WhatIf").Succeeded();
        Assert.Equal(string.Empty, (string)Shell.Value("$global:SecretCalls -join ' | '")!);
        Assert.False(System.IO.File.Exists(Env.ConfigurationPath));
    }

    [Fact]
    public async Task A_saved_proxy_credential_keeps_its_password_in_a_vault_and_the_file_only_names_it()
    {
        await using var proxy = RecordingProxy.Start("alice", "s3cret-proxy-pass");
        Run($"$global:SecretCalls = @(); Set-EvolinkConfiguration -Proxy {proxy.Uri} -ProxyCredential {AliceCredential} -ProxyVault Work -CertificateAuthorityFile {Ca}").Succeeded();
        var saved = System.IO.File.ReadAllText(Env.ConfigurationPath);
        Assert.DoesNotContain("s3cret-proxy-pass", saved);
        Assert.Contains("\"proxyUserName\": \"alice\"", saved);
        Assert.Contains("\"proxySecretName\": \"EvolinkProxy\"", saved);
        Assert.Contains("\"proxyVault\": \"Work\"", saved);
        Assert.Contains("Set-Secret EvolinkProxy Work", (string)Shell.Value("$global:SecretCalls -join ' | '")!);

        var run = Run($"Invoke-EvolinkChat 'saved proxy' -BaseUri {Named} -AsText").Succeeded();
        Assert.Equal("saved proxy", run.Values.Single());
        Assert.Contains(proxy.Seen, s => s.Method == "CONNECT" && s.Head.Contains("Proxy-Authorization: Basic"));
        Assert.Contains("Get-Secret EvolinkProxy Work", (string)Shell.Value("$global:SecretCalls -join ' | '")!);

        // A gateway on this machine never goes through a proxy, so the vault is not opened for it.
        Run("$global:SecretCalls = @(); Invoke-EvolinkChat 'local' | Out-Null").Succeeded();
        Assert.DoesNotContain("EvolinkProxy", (string)Shell.Value("$global:SecretCalls -join ' | '")!);
    }
    [Fact]
    public void Saved_network_settings_round_trip_through_the_file_and_show_in_the_view()
    {
        Run($"Set-EvolinkConfiguration -Proxy http://proxy.corp:8080 -HttpVersion 1.1 -CertificateAuthorityFile {Ca}").Succeeded();
        var saved = System.IO.File.ReadAllText(Env.ConfigurationPath);
        Assert.Contains("\"proxy\": \"http://proxy.corp:8080", saved);
        Assert.Contains("\"httpVersion\": \"1.1\"", saved);
        var view = RunAtConsole("Get-EvolinkConfiguration").Screen;
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(view, @"Proxy\s+: http://proxy\.corp:8080/\s+\(file\)"), view);
        Assert.Contains("HttpVersion", view);
    }

    [Fact]
    public void With_no_proxy_set_the_settings_step_says_direct_and_each_step_shows_as_progress_while_it_runs()
    {
        var run = Run("Test-EvolinkConnection | Out-Null; (Test-EvolinkConnection | Where-Object Step -eq Settings).Detail").Succeeded();

        var detail = (string)run.Values.Last()!;
        if (System.OperatingSystem.IsWindows())
            Assert.Contains("the system's proxy settings", detail);
        else
            Assert.Contains("no proxy set: direct", detail);
        var progress = run.HostWrites.Where(w => w.Kind == HostWriteKind.Progress).Select(w => w.Text).ToList();
        Assert.Contains("Test-EvolinkConnection: Settings: Passed", progress);
        Assert.Contains("Test-EvolinkConnection: TLS: Skipped", progress);
        Assert.Contains(progress, p => p.StartsWith("Test-EvolinkConnection: Verdict", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_long_detail_wraps_at_word_boundaries_within_the_width_the_table_leaves_it()
    {
        var expected = Run("$s = Test-EvolinkConnection -BaseUri http://127.0.0.1:9 -ConnectionTimeoutSeconds 5 | Where-Object Step -eq TCP; $s.Detail + ' -> ' + $s.Advice").Succeeded().Text();
        var screen = RunAtConsole("Test-EvolinkConnection -BaseUri http://127.0.0.1:9 -ConnectionTimeoutSeconds 5").Screen.Split('\n');

        // The TCP row and the lines under it that carry only the rest of its detail (from column 52 on).
        var row = System.Array.FindIndex(screen, l => l.StartsWith("TCP ", System.StringComparison.Ordinal));
        var detail = screen.Skip(row).TakeWhile((l, i) => i == 0 || l.Length > 0 && l[..51].Trim().Length == 0).Select(l => l[51..].TrimEnd()).ToList();
        Assert.True(detail.Count > 1, "the detail was expected to need more than one line:\n" + string.Join("\n", screen));
        Assert.All(detail, line => Assert.True(line.Length <= 120 - 52, line));
        Assert.Equal(expected, string.Join(" ", detail));
    }
}

/// <summary>A step as PowerShell sees it: read through the object's properties, as a script would.</summary>
internal sealed class ConnectionStepView
{
    public required string Step { get; init; }
    public required string Target { get; init; }
    public required string Result { get; init; }
    public required string Detail { get; init; }
    public string? Advice { get; init; }

    public static explicit operator ConnectionStepView(PSObject o) => new()
    {
        Step = (string)o.Properties["Step"].Value,
        Target = (string)o.Properties["Target"].Value,
        Result = o.Properties["Result"].Value.ToString()!,
        Detail = (string)o.Properties["Detail"].Value,
        Advice = (string?)o.Properties["Advice"].Value,
    };
}
