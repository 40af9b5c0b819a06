using Xunit;

namespace Evolink.Core.Tests;

/// <summary>
/// Tests that measure how fast something happens, and the heavy chaos test,
/// run alone: on a two-core machine other tests running beside them would
/// measure the machine, not the code.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
