using System;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Evolink.Commands;

/// <summary>
/// A value per runspace, as PowerShell's own session state is: a thread job
/// or a ForEach-Object -Parallel runspace has its own, a runspace that is
/// gone takes its value with it, and Remove-Module clears the caller's.
/// </summary>
internal sealed class RunspaceLocal<T> where T : class
{
    private readonly ConditionalWeakTable<Runspace, T> _values = new();
    private readonly object _gate = new();

    /// <summary>The calling runspace's value, or null when it has none (or there is no runspace).</summary>
    public T? Find()
    {
        lock (_gate)
            return Runspace.DefaultRunspace is { } runspace && _values.TryGetValue(runspace, out var value) ? value : null;
    }

    /// <summary>The calling runspace's value, made on first use; null when there is no runspace.</summary>
    public T? GetOrCreate(Func<T> create)
    {
        lock (_gate)
            return Runspace.DefaultRunspace is { } runspace ? _values.GetValue(runspace, _ => create()) : null;
    }

    public void Set(T value)
    {
        if (Runspace.DefaultRunspace is not { } runspace)
            return;
        lock (_gate)
        {
            _values.Remove(runspace);
            _values.Add(runspace, value);
        }
    }

    public void Clear()
    {
        if (Runspace.DefaultRunspace is not { } runspace)
            return;
        lock (_gate)
            _values.Remove(runspace);
    }
}
