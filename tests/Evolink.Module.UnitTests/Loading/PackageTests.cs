using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Evolink.Commands;
using Evolink.Testing;
using Xunit;

namespace Evolink.Module.UnitTests;

[Collection(PublishedModuleCollection.Name)]
public sealed class PackageTests
{
    private readonly PublishedModule _module;

    public PackageTests(PublishedModule module) => _module = module;

    /// <summary>
    /// What PowerShell 7.6, the oldest PowerShell 7 supported, already carries
    /// from its runtime: it runs on .NET 10 (PowerShell 7.6 release notes;
    /// Microsoft.NETCore.App 10.0), whose framework assemblies, System.Text.Json
    /// among them, have assembly version 10.0.0.0. PowerShell also ships
    /// Microsoft.Bcl.AsyncInterfaces (PowerShell issue 21324) and Markdig.Signed (for Show-Markdown).
    /// </summary>
    private static readonly Dictionary<string, Version> PowerShell76Carries = new()
    {
        ["System.Runtime"] = new(10, 0, 0, 0),
        ["System.Text.Json"] = new(10, 0, 0, 0),
        ["System.Net.Http"] = new(10, 0, 0, 0),
        ["System.Net.Primitives"] = new(10, 0, 0, 0),
        ["System.Collections"] = new(10, 0, 0, 0),
        ["System.Linq"] = new(10, 0, 0, 0),
        ["System.Memory"] = new(10, 0, 0, 0),
        ["System.Text.RegularExpressions"] = new(10, 0, 0, 0),
        ["System.Threading"] = new(10, 0, 0, 0),
        ["System.Runtime.InteropServices"] = new(10, 0, 0, 0),
        ["System.Text.Encodings.Web"] = new(10, 0, 0, 0),
        ["Microsoft.Bcl.AsyncInterfaces"] = new(5, 0, 0, 0),
        // $PSHOME/Markdig.Signed.dll of pwsh 7.6.10 (the NuGet tool package's tools/net10.0/any/{unix,win}).
        ["Markdig.Signed"] = new(0, 44, 0, 0),
    };

    /// <summary>The engine, its library adapters and what they stand on: in core/, in each platform's folder, and in desktop/.</summary>
    private static readonly string[] Engine =
    {
        "Evolink.Core.dll", "Evolink.Libraries.dll", "Humanizer.dll", "Json.More.dll", "JsonPointer.Net.dll", "JsonSchema.Net.dll",
        "Microsoft.Extensions.AI.Abstractions.dll", "Microsoft.Extensions.DependencyInjection.Abstractions.dll",
        "Microsoft.Extensions.Logging.Abstractions.dll", "ModelContextProtocol.Core.dll",
    };

    private static readonly string[] Expected = new[]
    {
        "Evolink.Format.ps1xml", "Evolink.Types.ps1xml", "Evolink.dll", "Evolink.psd1", "LICENSE",
        "desktop/Markdig.Signed.dll", "desktop/Microsoft.Bcl.AsyncInterfaces.dll", "desktop/Microsoft.Bcl.Memory.dll",
        "desktop/Microsoft.Bcl.TimeProvider.dll", "desktop/System.Buffers.dll", "desktop/System.Collections.Immutable.dll",
        "desktop/System.ComponentModel.Annotations.dll", "desktop/System.Diagnostics.DiagnosticSource.dll", "desktop/System.IO.Pipelines.dll",
        "desktop/System.Memory.dll", "desktop/System.Net.ServerSentEvents.dll", "desktop/System.Numerics.Vectors.dll",
        "desktop/System.Runtime.CompilerServices.Unsafe.dll", "desktop/System.Text.Encodings.Web.dll", "desktop/System.Text.Json.dll",
        "desktop/System.Threading.Channels.dll", "desktop/System.Threading.Tasks.Extensions.dll",
        "en-US/Evolink.dll-Help.xml", "en-US/about_Evolink.help.txt",
    }.Concat(new[] { "core", "core/linux-arm64", "core/linux-x64", "core/osx-arm64", "core/osx-x64", "core/win-x64", "desktop" }
        .SelectMany(folder => Engine.Select(file => folder + "/" + file))).ToArray();

    private static IEnumerable<AssemblyName> References(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h).GetAssemblyName()).ToList();
    }

    private static Version VersionOf(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        return pe.GetMetadataReader().GetAssemblyDefinition().Version;
    }

    [Fact]
    public void The_package_holds_exactly_the_module_files_and_nothing_else()
    {
        var files = Directory.GetFiles(_module.Folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_module.Folder, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal);

        Assert.Equal(Expected.OrderBy(f => f, StringComparer.Ordinal), files);
    }

    [Fact]
    public void Where_PowerShell_7_loads_from_nothing_is_shipped_that_it_already_carries()
    {
        var loadedOnCore = Directory.GetFiles(_module.Folder, "*.dll").Concat(Directory.GetFiles(_module.File("core"), "*.dll", SearchOption.AllDirectories));

        foreach (var file in loadedOnCore)
            Assert.False(PowerShell76Carries.ContainsKey(Path.GetFileNameWithoutExtension(file)), $"{file} is also part of PowerShell 7.6");
    }

    [Fact]
    public void The_PowerShell_7_engine_references_nothing_above_what_PowerShell_7_6_carries()
    {
        // The engine and every library beside it: what they take from the runtime must be there in PowerShell 7.6.
        foreach (var file in Directory.GetFiles(_module.File("core"), "*.dll", SearchOption.AllDirectories))
            ReferencesNothingAbovePowerShell76(References(file).ToList());
        foreach (var engine in Directory.GetFiles(_module.File("core"), "Evolink.Core.dll", SearchOption.AllDirectories))
            Assert.Contains(References(engine), r => r.Name == "System.Text.Json");
    }

    private static void ReferencesNothingAbovePowerShell76(List<AssemblyName> references)
    {
        Assert.DoesNotContain(references, r => r.Name == "Microsoft.Bcl.AsyncInterfaces");
        foreach (var reference in references.Where(r => r.Name!.StartsWith("System", StringComparison.Ordinal)))
        {
            var ceiling = PowerShell76Carries.TryGetValue(reference.Name!, out var known) ? known : new Version(10, 0, 0, 0);
            Assert.True(reference.Version! <= ceiling, $"{reference.Name} {reference.Version} is above PowerShell 7.6's {ceiling}");
        }
    }

    [Fact]
    public void The_cmdlet_assembly_references_only_netstandard_PowerShell_and_the_engine()
    {
        var references = References(_module.File("Evolink.dll")).Select(r => r.Name).OrderBy(n => n);

        Assert.Equal(new[] { "Evolink.Core", "netstandard", "System.Management.Automation" }, references);
    }

    [Fact]
    public void Every_dependency_of_the_Windows_PowerShell_engine_is_shipped_beside_it_or_is_part_of_NET_Framework()
    {
        var framework = new HashSet<string> { "netstandard", "mscorlib", "System", "System.Core", "System.Net.Http", "System.Runtime", "System.Numerics" };
        var desktop = _module.File("desktop");
        foreach (var file in Directory.GetFiles(desktop, "*.dll"))
        {
            foreach (var reference in References(file))
            {
                var shipped = Path.Combine(desktop, reference.Name + ".dll");
                Assert.True(framework.Contains(reference.Name!) || File.Exists(shipped), $"{Path.GetFileName(file)} needs {reference.Name}, which is not shipped");
            }
        }
        Assert.Equal(new Version(10, 0, 0, 0), VersionOf(Path.Combine(desktop, "System.Text.Json.dll")));
    }

    [Theory]
    [InlineData("Evolink.Core, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null", true, "core/{platform}/Evolink.Core.dll")]
    [InlineData("Evolink.Core, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null", false, "desktop/Evolink.Core.dll")]
    [InlineData("System.Text.Json, Version=6.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", false, "desktop/System.Text.Json.dll")]
    [InlineData("System.Text.Json, Version=9.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", false, "desktop/System.Text.Json.dll")]
    [InlineData("Microsoft.Bcl.AsyncInterfaces, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", false, "desktop/Microsoft.Bcl.AsyncInterfaces.dll")]
    [InlineData("System.Text.Json, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", true, null)]
    [InlineData("Evolink.Core.resources, Version=0.1.0.0, Culture=fr, PublicKeyToken=null", false, null)]
    [InlineData("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed", false, null)]
    [InlineData("JsonSchema.Net, Version=7.0.0.0, Culture=neutral, PublicKeyToken=17ed63f672b0e278", false, "desktop/JsonSchema.Net.dll")]
    public void The_resolver_serves_the_shipped_copy_for_this_edition_for_any_requested_version(string request, bool onCore, string? expected)
    {
        var chosen = DependencyResolver.Choose(request, _module.Folder, onCore, File.Exists);

        Assert.Equal(expected is null ? null : _module.File(expected.Replace("{platform}", DependencyResolver.Platform).Split('/')), chosen);
    }

    [Theory]
    [InlineData("Evolink.Core, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null", true, true)]
    [InlineData("Evolink.Libraries, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null", true, false)]
    [InlineData("JsonSchema.Net, Version=8.0.0.0, Culture=neutral, PublicKeyToken=17ed63f672b0e278", true, false)]
    [InlineData("Humanizer, Version=3.0.0.0, Culture=neutral, PublicKeyToken=979442b78dfc278e", true, false)]
    [InlineData("JsonSchema.Net, Version=8.0.0.0, Culture=neutral, PublicKeyToken=17ed63f672b0e278", false, true)]
    public void On_PowerShell_7_only_the_engine_is_served_in_the_shared_context(string request, bool onCore, bool answered)
    {
        // Another module's request for JsonSchema.Net must never be handed Evolink's copy; the engine loads its
        // libraries in a context of its own (Acceptance/Libraries.Tests.ps1 proves it in real pwsh).
        Assert.Equal(answered, DependencyResolver.AnswersInShared(request, onCore));
    }

    [Fact]
    public void Each_platform_s_engine_is_compiled_ahead_of_time_for_that_platform_and_the_plain_one_serves_any_other()
    {
        // A ReadyToRun image names its processor and system in its machine field: the processor's value, XOR a value per
        // system (0 for Windows, 0x7B79 for Linux, 0x4644 for macOS). Each folder must hold its own platform's code.
        var machines = new Dictionary<string, int>
        {
            ["linux-x64"] = 0x8664 ^ 0x7B79, ["linux-arm64"] = 0xAA64 ^ 0x7B79, ["osx-x64"] = 0x8664 ^ 0x4644, ["osx-arm64"] = 0xAA64 ^ 0x4644, ["win-x64"] = 0x8664,
        };
        foreach (var (platform, machine) in machines)
        {
            using var stream = File.OpenRead(_module.File("core", platform, "Evolink.Core.dll"));
            using var pe = new PEReader(stream);
            // A ReadyToRun image carries a managed native header; a plain IL one does not.
            Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{platform}: not compiled ahead of time");
            Assert.True((int)pe.PEHeaders.CoffHeader.Machine == machine, $"{platform}: compiled for machine 0x{(int)pe.PEHeaders.CoffHeader.Machine:X4}, not 0x{machine:X4}");
        }
        using (var plain = new PEReader(File.OpenRead(_module.File("core", "Evolink.Core.dll"))))
            Assert.Equal(0, plain.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
        // A platform with no compiled engine (here a made-up module folder holding only the plain one) gets the plain one.
        var plainOnly = _module.File("core", "Evolink.Core.dll");
        Assert.Equal(plainOnly, DependencyResolver.Choose("Evolink.Core", _module.Folder, true, path => path == plainOnly));
    }

    [Theory]
    [InlineData("win", System.Runtime.InteropServices.Architecture.X64, "win-x64")]
    [InlineData("osx", System.Runtime.InteropServices.Architecture.Arm64, "osx-arm64")]
    [InlineData("linux", System.Runtime.InteropServices.Architecture.X86, null)]
    [InlineData(null, System.Runtime.InteropServices.Architecture.X64, null)]
    public void A_platform_is_named_as_NET_names_it_or_not_at_all(string? os, System.Runtime.InteropServices.Architecture architecture, string? expected)
    {
        Assert.Equal(expected, DependencyResolver.PlatformOf(os, architecture));
    }

    [Theory]
    [InlineData(true, 8, true)]
    [InlineData(true, 9, true)]
    [InlineData(true, 10, false)]
    [InlineData(true, 11, false)]
    [InlineData(false, 4, false)]
    public void PowerShell_7_before_7_6_is_refused_at_import_with_what_to_install(bool onCore, int dotnet, bool refused)
    {
        var problem = DependencyResolver.Unsupported(onCore, new Version(dotnet, 0));

        Assert.Equal(refused, problem is not null);
        if (refused)
            Assert.Contains("PowerShell 7.6", problem);
    }
}
