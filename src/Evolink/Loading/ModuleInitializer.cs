using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace Evolink.Commands;

/// <summary>
/// Runs when the module is imported, before PowerShell looks at the cmdlets'
/// types: from then on, a request for the engine is served from this
/// edition's folder (on Windows PowerShell, its dependencies too; on
/// PowerShell 7 the engine loads them in a context of its own,
/// docs/dependencies.md).
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;

    public void OnImport()
    {
        // PowerShell 7.4 and 7.5 (.NET 8 and 9) would fail later on a missing framework assembly; say so at import instead.
        if (DependencyResolver.Unsupported(DependencyResolver.OnDotNetCore, Environment.Version) is { } problem)
            throw new PSNotSupportedException(problem);
        AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        // The engine holds the types users name in scripts ([Evolink.Chat.ChatResponse], [Evolink.Chat.ChatMessage]):
        // loaded now, they resolve from the moment the module is imported, not only after a first call.
        if (DependencyResolver.Choose(DependencyResolver.Engine, ModuleFolder, DependencyResolver.OnDotNetCore, File.Exists) is { } engine)
            Assembly.LoadFrom(engine);
        WarmUpOnImport.Start();
    }

    /// <summary>Remove-Module: the runspace's session settings go with the module.</summary>
    public void OnRemove(PSModuleInfo module)
    {
        SessionSettings.Clear();
        SessionUsage.Clear();
        AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var onCore = DependencyResolver.OnDotNetCore;
        if (!DependencyResolver.AnswersInShared(args.Name, onCore)
            || DependencyResolver.Choose(args.Name, ModuleFolder, onCore, File.Exists) is not { } path)
            return null;
        return Assembly.LoadFrom(path);
    }
}
