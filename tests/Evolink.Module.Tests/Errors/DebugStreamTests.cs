using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>
/// Each request described on the debug stream (method, address, headers with
/// the key as ***, body), wherever PowerShell would show or keep a debug line:
/// under -Debug on the host, with $DebugPreference = 'Continue' in the stream.
/// Without either, nothing is described at all (that work was a good part of
/// a short call's cost).
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class DebugStreamTests : ModuleTest
{
    public DebugStreamTests(ModuleEnvironment env) : base(env) { }

    [Fact]
    public void Debug_shows_each_request_on_the_host_with_the_key_masked()
    {
        var run = RunAtConsole("'one', 'two' | Invoke-EvolinkChat -Debug | Out-Null");

        var described = run.HostWrites.Where(w => w.Kind == HostWriteKind.Debug && w.Text.Contains("POST ")).Select(w => w.Text).ToList();
        Assert.Equal(2, described.Count);
        Assert.All(described, text => Assert.Contains("Authorization: Bearer ***", text));
        Assert.Contains(described, text => text.Contains("\"one\""));
        Assert.DoesNotContain(Env.Key.Substring(0, 10), run.Screen);
    }

    [Fact]
    public void DebugPreference_Continue_puts_each_request_in_the_debug_stream()
    {
        var run = Run("$DebugPreference = 'Continue'; 'one', 'two' | Invoke-EvolinkChat | Out-Null").Succeeded();

        var described = run.Debug.Select(d => d.Message).Where(m => m.Contains("POST ")).ToList();
        Assert.Equal(2, described.Count);
        Assert.All(described, text => Assert.Contains("Authorization: Bearer ***", text));
    }

    [Fact]
    public void Without_Debug_no_request_is_described()
    {
        var run = Run("'one', 'two' | Invoke-EvolinkChat | Out-Null").Succeeded();

        Assert.Empty(run.Debug);
        Assert.DoesNotContain(run.HostWrites, w => w.Kind == HostWriteKind.Debug);
    }
}
