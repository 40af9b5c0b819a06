using System;
using System.IO;

namespace Evolink.Testing;

internal static class RepositoryPaths
{
    /// <summary>The clone's top folder: the first parent of the test binaries that holds Evolink.slnx.</summary>
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !System.IO.File.Exists(Path.Combine(directory.FullName, "Evolink.slnx")))
                directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("Evolink.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    public static string File(params string[] parts) => Path.Combine(Root, Path.Combine(parts));
}
