using System;
using System.IO;
using System.Linq;
using Evolink.HelpBuilder;

// dotnet run --project tools/Evolink.HelpBuilder -- [update|build|all] [path of Evolink.dll]
//   update: bring docs/en-US/*.md in step with the compiled cmdlets, keeping all prose
//   build:  write docs/help/en-US (MAML and about topic) from the markdown alone
var root = Repository.Root();
var task = args.FirstOrDefault() ?? "all";
var assembly = args.Length > 1 ? args[1] : Path.Combine(root, "src", "Evolink", "bin", "Debug", "netstandard2.0", "Evolink.dll");
var pages = Path.Combine(root, "docs", "en-US");
var shipped = Path.Combine(root, "docs", "help", "en-US");

if (task is "update" or "all")
{
    foreach (var command in CommandReader.Read(assembly))
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
