using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Evolink.Module.Tests;

/// <summary>
/// Plain calls, many of them, in several runspaces at once: every call
/// returns. A hang fails the test by its time limit; it never stalls CI.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class SoakTests
{
    private readonly ModuleEnvironment _env;
    private readonly ITestOutputHelper _log;

    public SoakTests(ModuleEnvironment env, ITestOutputHelper log)
    {
        _env = env;
        _log = log;
    }

    [Fact]
    public async Task Four_runspaces_making_three_hundred_plain_calls_each_all_return()
    {
        const int runspaces = 4, calls = 300;
        _env.Reset();
        var clock = Stopwatch.StartNew();
        var outcomes = Enumerable.Range(0, runspaces).Select(r => Task.Run(() =>
        {
            using var shell = new Shell(_env);
            // Each call is its own command: the hand-over at the end of every command is what used to hang.
            var run = shell.Run($"$n = 0; foreach ($i in 1..{calls}) {{ if ((Invoke-EvolinkChat \"r{r} call $i\").Text -eq \"r{r} call $i\") {{ $n++ }} }}; $n",
                TimeSpan.FromSeconds(90));
            return run;
        })).ToArray();
        var hangs = 0;
        foreach (var outcome in outcomes)
        {
            try
            {
                Assert.Equal(calls, Convert.ToInt32((await outcome).Succeeded().Single()));
            }
            catch (TimeoutException)
            {
                hangs++;
            }
        }
        _log.WriteLine($"{runspaces} runspaces x {calls} calls in {clock.Elapsed.TotalSeconds:0.0} s, hangs: {hangs}");
        Assert.Equal(0, hangs);
    }
}
