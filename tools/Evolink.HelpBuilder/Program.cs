using System;
using System.IO;
using System.Linq;
using Evolink.HelpBuilder;

// dotnet run --project tools/Evolink.HelpBuilder -- [update|build|all] [Evolink.psd1 of a built module]
//   update: bring docs/en-US/*.md in step with the module's cmdlets, keeping all prose
//   build:  write docs/help/en-US (MAML and about topic) from the markdown alone
// The module defaults to output/Evolink/<version>/, where ./build.ps1 builds it.
var root = Repository.Root();
var task = args.FirstOrDefault() ?? "all";
var manifest = args.Length > 1 ? Path.GetFullPath(args[1]) : Repository.BuiltModule(root);
var pages = Path.Combine(root, "docs", "en-US");
var shipped = Path.Combine(root, "docs", "help", "en-US");

if (task is "update" or "all")
{
    foreach (var command in CommandReader.Read(manifest, Repository.Summaries(root)))
    {
        var path = Path.Combine(pages, command.Name + ".md");
        var existing = File.Exists(path) ? HelpDocument.Parse(File.ReadAllText(path)) : null;
        File.WriteAllText(path, MarkdownWriter.Write(command, existing));
        Console.WriteLine($"updated {Path.GetRelativePath(root, path)}");
    }
}
if (task is "build" or "all")
{
    Directory.CreateDirectory(shipped);
    foreach (var (name, text) in HelpFiles.Build(pages))
    {
        File.WriteAllText(Path.Combine(shipped, name), text);
        Console.WriteLine($"wrote {Path.GetRelativePath(root, Path.Combine(shipped, name))}");
    }
}
return 0;
