using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>Ctrl+C (PowerShell.Stop) ends a stream or a batch at once: nothing written after, nothing left running, nothing sent after.</summary>
[Collection(ModuleCollection.Name)]
public sealed class StopTests : ModuleTest
{
    public StopTests(ModuleEnvironment env) : base(env) { }

    [Fact]
    public void Ctrl_C_during_a_stream_stops_within_100_ms_and_nothing_is_written_after()
    {
        var words = string.Join(' ', Enumerable.Range(1, 40).Select(i => "word" + i));
        var running = Shell.Start($"Invoke-EvolinkChat '{words}' -Model fake-stream-slow -Stream", atConsole: true);
        WaitFor(() => running.HostWrites.Count(w => w.Kind == HostWriteKind.Text) >= 2, "the stream to start");
        var took = running.Stop();
        var writesAtStop = running.HostWrites.Count(w => w.Kind == HostWriteKind.Text);
        var run = running.Wait(TimeSpan.FromSeconds(5));
        Thread.Sleep(400);
        Assert.True(took < TimeSpan.FromMilliseconds(100), $"Stopping took {took.TotalMilliseconds:0} ms.");
        Assert.IsType<System.Management.Automation.PipelineStoppedException>(run.Terminating);
        Assert.Equal(writesAtStop, running.HostWrites.Count(w => w.Kind == HostWriteKind.Text));
        Assert.DoesNotContain("word40", run.Screen);
        // The partial line is ended, so the prompt starts on a new line.
        Assert.EndsWith("\n", RecordingHostUserInterface.Render(running.HostWrites));
        WaitFor(() => Env.Gateway.InFlight == 0, "the gateway to see the connection closed");
    }

    [Fact]
    public void Ctrl_C_while_chunks_wait_for_a_slow_pipeline_stops_at_once_and_closes_the_stream()
    {
        // More chunks than wait for the pipeline, read by a script block far slower than the stream: the network side waits for room.
        Env.Gateway.Scenarios.AddReply("test-many-chunks-stop", Scenarios.Echo, new StreamPlan { PieceLength = 1 });
        var running = Shell.Start($"Invoke-EvolinkChat '{new string('q', 20_000)}' -Model test-many-chunks-stop -AsChunk | ForEach-Object {{ foreach ($i in 1..200) {{ }}; $_.Text }}");
        WaitFor(() => running.OutputCount >= 2_000, "chunks to reach the pipeline");
        var took = running.Stop();
        var run = running.Wait(TimeSpan.FromSeconds(5));
        Assert.True(took < TimeSpan.FromMilliseconds(100), $"Stopping took {took.TotalMilliseconds:0} ms.");
        Assert.IsType<System.Management.Automation.PipelineStoppedException>(run.Terminating);
        Assert.True(run.Output.Count < 20_000);
        WaitFor(() => Env.Gateway.InFlight == 0, "the gateway to see the connection closed");
    }

    [Fact]
    public void Ctrl_C_during_a_batch_stops_within_100_ms_and_no_request_is_sent_after()
    {
        var running = Shell.Start("1..40 | ForEach-Object { \"prompt $_\" } | Invoke-EvolinkChat -Model fake-delay-1000 -ThrottleLimit 4");
        WaitFor(() => Env.Gateway.InFlight == 4, "four requests in flight");
        var took = running.Stop();
        var sentAtStop = ChatRequests.Length;
        var run = running.Wait(TimeSpan.FromSeconds(5));
        Thread.Sleep(1500);
        Assert.True(took < TimeSpan.FromMilliseconds(100), $"Stopping took {took.TotalMilliseconds:0} ms.");
        Assert.Equal(sentAtStop, ChatRequests.Length);
        Assert.Empty(run.Output);
        Assert.Equal(0, Env.Gateway.InFlight);
    }
}
