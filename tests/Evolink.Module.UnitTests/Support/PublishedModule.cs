using System;
using System.Diagnostics;
using System.IO;
using Evolink.Testing;
using Xunit;

namespace Evolink.Module.UnitTests;

/// <summary>
/// The module as `dotnet publish src/Evolink -c Release` lays it out, built
/// once into a temporary folder for the tests that read the package.
/// </summary>
public sealed class PublishedModule : IDisposable
{
    public PublishedModule()
    {
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
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedModuleCollection : ICollectionFixture<PublishedModule>
{
    public const string Name = "Published module";
}
