using Evolink.Commands;
using Xunit;

namespace Evolink.Module.UnitTests;

/// <summary>EVOLINK_WARMUP: the words that turn the import's warm-up off, and everything that leaves it on.</summary>
public sealed class WarmUpSwitchTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData(" Off ")]
    [InlineData("NO")]
    public void These_turn_it_off(string value) => Assert.True(WarmUpOnImport.TurnedOff(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("on")]
    [InlineData("true")]
    public void These_leave_it_on(string? value) => Assert.False(WarmUpOnImport.TurnedOff(value));
}
