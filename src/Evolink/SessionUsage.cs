using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Evolink.Commands;

/// <summary>
/// Tokens used in this runspace, per model that answered, for Get-EvolinkUsage.
/// Like session settings they belong to one runspace and go with Remove-Module.
/// </summary>
internal static class SessionUsage
{
    private static readonly ConditionalWeakTable<Runspace, Dictionary<string, UsageTotal>> ByRunspace = new();

    public static void Add(ChatResponse response)
    {
        if (Runspace.DefaultRunspace is not { } runspace)
            return;
        var totals = ByRunspace.GetValue(runspace, _ => new Dictionary<string, UsageTotal>(StringComparer.OrdinalIgnoreCase));
        var model = response.Model ?? response.RequestedModel ?? "unknown";
        lock (totals)
        {
            if (!totals.TryGetValue(model, out var total))
                totals[model] = total = new UsageTotal { Model = model };
            total.Add(response.Usage);
        }
    }

    public static IReadOnlyList<UsageTotal> Current()
    {
        if (Runspace.DefaultRunspace is not { } runspace || !ByRunspace.TryGetValue(runspace, out var totals))
            return Array.Empty<UsageTotal>();
        lock (totals)
            return totals.Values.OrderBy(t => t.Model, StringComparer.OrdinalIgnoreCase).Select(t => t.Copy()).ToList();
    }

    public static void Clear()
    {
        if (Runspace.DefaultRunspace is { } runspace)
            ByRunspace.Remove(runspace);
    }
}
