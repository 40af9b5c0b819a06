using System.Runtime.CompilerServices;

namespace Evolink.Serialization;

/// <summary>
/// Marks the methods every streamed chunk passes through. Inside PowerShell
/// the runtime's tiered compiler kept them on their first, unoptimised code
/// for many streams (the module benchmark read a 20 MB stream at half speed
/// for 15 runs in a row); these are compiled optimised from their first call
/// instead. .NET Framework has no tiers, so there it means nothing.
/// </summary>
internal static class HotPath
{
#if NETCOREAPP
    public const MethodImplOptions Optimized = MethodImplOptions.AggressiveOptimization;
#else
    public const MethodImplOptions Optimized = 0;
#endif
}
