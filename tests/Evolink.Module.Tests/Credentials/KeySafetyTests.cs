using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>A gateway or proxy that echoes the key: nothing the user, a CI log or $Error sees holds it.</summary>
[Collection(ModuleCollection.Name)]
public sealed class KeySafetyTests : ModuleTest
{
    public KeySafetyTests(ModuleEnvironment env) : base(env) { }

    public static IEnumerable<object[]> Cases =>
        from model in new[] { "hostile-echo-400", "hostile-echo-401", "hostile-echo-429", "hostile-echo-500", "hostile-echo-html-502", "hostile-echo-malformed",
                              "hostile-echo-stream-event", "hostile-echo-stream-chunk", "hostile-echo-stream-malformed" }
        from source in new[] { "environment", "SecureString" }
        select new object[] { model, source };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_echoed_key_reaches_no_error_property_stream_or_screen(string model, string source)
    {
        var key = source == "SecureString" ? $" -ApiKey (ConvertTo-SecureString {Quote(Env.Key)} -AsPlainText -Force)" : string.Empty;
        var stream = model.Contains("stream") ? " -Stream" : string.Empty;
        var console = RunAtConsole($"Invoke-EvolinkChat 'hello' -Model {model} -MaximumRetryCount 1 -RetryIntervalSec 0{stream}{key} -Verbose -Debug");
        var run = Run("""
            $e = $Error[0]
            $x = $e.Exception
            $e.ToString(); $x.Message; $x.GatewayMessage; $x.Param; $x.ErrorCode; $x.ErrorType; $x.RequestId
            ConvertTo-Json $x.Details -Depth 5
            $x.PartialResponse.RequestId
            "$($e.TargetObject)"
            """);
        var identifying = Env.Key.Substring(0, 10);
        Assert.Contains(console.HostWrites, w => w.Kind == HostWriteKind.Error);
        Assert.DoesNotContain(identifying, console.Screen);
        Assert.All(run.Values, value => Assert.DoesNotContain(identifying, value?.ToString() ?? string.Empty));
        Assert.Contains(run.Values, value => (value?.ToString() ?? string.Empty).Contains("***"));
    }

    [Theory]
    [InlineData("-Stream")]
    [InlineData("-AsChunk")]
    [InlineData("-Tools (New-EvolinkTool (Get-Command Get-Uptime)) -Force -Stream")]
    public void A_malformed_streamed_reply_is_one_error_for_that_input_and_the_pipeline_goes_on(string mode)
    {
        var run = Run($"'first', 'second' | Invoke-EvolinkChat -Model hostile-index-overflow {mode}");
        Assert.Null(run.Terminating);
        Assert.Equal(2, run.Errors.Count);
        Assert.All(run.Errors, e => Assert.StartsWith("EvolinkInvalidResponse", e.FullyQualifiedErrorId));
        Assert.Equal(new object[] { "first", "second" }, run.Errors.Select(e => e.TargetObject));
    }
}
