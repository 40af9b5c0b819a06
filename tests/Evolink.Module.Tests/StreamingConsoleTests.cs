using System.Linq;
using Xunit;

namespace Evolink.Module.Tests;

/// <summary>-Stream at a console: the text as it arrives, once, and the response kept.</summary>
[Collection(ModuleCollection.Name)]
public sealed class StreamingConsoleTests : ModuleTest
{
    public StreamingConsoleTests(ModuleEnvironment env) : base(env) { }

    [Fact]
    public void With_several_choices_only_the_first_is_shown_live_and_the_screen_says_so()
    {
        var run = Run("$r = Invoke-EvolinkChat 'alpha beta gamma' -Stream -Count 3; $r.Choices.Count").Succeeded();
        Assert.Equal(3, System.Convert.ToInt32(run.Single()));
        var shown = string.Concat(run.HostWrites.Where(w => w.Kind == HostWriteKind.Text).Select(w => w.Text));
        Assert.Equal("alpha beta gamma", shown.TrimEnd());
        Assert.Contains("choice 0 of 3", run.Screen);
    }
}
