using System;
using System.Diagnostics;
using System.IO;
using Evolink.Testing;
using Xunit;

namespace Evolink.Module.UnitTests;

/// <summary>
/// The module as `dotnet publish src/Evolink -c Release` lays it out. Under
/// `build.ps1 -Task Test` that is the package the build has just laid out in
/// output/ (named by EVOLINK_TEST_PACKAGE), the very files that ship, so the
/// five platforms are not compiled a second time; run alone, the tests
/// publish once into a temporary folder of their own.
/// </summary>
public sealed class PublishedModule : IDisposable
{
    private readonly bool _ownFolder;

    public PublishedModule()
    {
        var built = Environment.GetEnvironmentVariable("EVOLINK_TEST_PACKAGE");
        if (!string.IsNullOrEmpty(built))
        {
            if (!System.IO.File.Exists(Path.Combine(built, "Evolink.psd1")))
                throw new InvalidOperationException($"EVOLINK_TEST_PACKAGE names {built}, which holds no Evolink.psd1: build the module first (build.ps1 -Task Build).");
            Folder = built;
            return;
        }
        _ownFolder = true;
        Folder = Path.Combine(Path.GetTempPath(), "evolink-package-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet", $"publish \"{RepositoryPaths.File("src", "Evolink", "Evolink.csproj")}\" -c Release -p:PublishDir={Folder}/ --nologo")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish took more than 5 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{output.Result}\n{errors.Result}");
    }

    public string Folder { get; }

    public string File(params string[] parts) => Path.Combine(Folder, Path.Combine(parts));

    public void Dispose()
    {
        if (_ownFolder && Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedModuleCollection : ICollectionFixture<PublishedModule>
{
    public const string Name = "Published module";
}
