using System.Runtime.CompilerServices;

namespace Evolink.Serialization;

/// <summary>
/// Marks the methods every streamed chunk passes through. Inside PowerShell
/// the runtime's tiered compiler kept them on their first, unoptimised code
/// for many streams (the module benchmark read a 20 MB stream at half speed
/// for 15 runs in a row); the JIT compiles them optimised from their first
/// call instead. A ReadyToRun build already holds them optimised, and would
/// leave marked methods to the JIT on the first call, so it marks nothing;
/// nor does .NET Framework, which has no tiers.
/// </summary>
internal static class HotPath
{
#if NETCOREAPP && !READY_TO_RUN
    public const MethodImplOptions Optimized = MethodImplOptions.AggressiveOptimization;
#else
    public const MethodImplOptions Optimized = 0;
#endif
}
