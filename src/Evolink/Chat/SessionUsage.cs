using System;
using System.Collections.Generic;
using System.Linq;
using Evolink.Chat;

namespace Evolink.Commands;

/// <summary>
/// Tokens used in this runspace, per model that answered, for Get-EvolinkUsage.
/// Like session settings they belong to one runspace and go with Remove-Module.
/// </summary>
internal static class SessionUsage
{
    private static readonly RunspaceLocal<Dictionary<string, UsageTotal>> Totals = new();

    public static void Add(ChatResponse response)
    {
        if (Totals.GetOrCreate(() => new Dictionary<string, UsageTotal>(StringComparer.OrdinalIgnoreCase)) is not { } totals)
            return;
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
        if (Totals.Find() is not { } totals)
            return Array.Empty<UsageTotal>();
        lock (totals)
            return totals.Values.OrderBy(t => t.Model, StringComparer.OrdinalIgnoreCase).Select(t => t.Copy()).ToList();
    }

    public static void Clear() => Totals.Clear();
}
