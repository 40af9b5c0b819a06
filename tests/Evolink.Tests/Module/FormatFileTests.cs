using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace Evolink.Tests.Module;

public sealed class FormatFileTests : IDisposable
{
    private readonly ModuleMetadata _module = new();
    private readonly XDocument _format = XDocument.Load(RepositoryPaths.File("src", "Evolink", "Evolink.Format.ps1xml"));

    public void Dispose() => _module.Dispose();

    [Fact]
    public void The_format_file_names_only_types_that_exist()
    {
        var names = _format.Descendants("TypeName").Select(e => e.Value).ToList();
        var core = _module.Core;

        Assert.NotEmpty(names);
        foreach (var name in names)
            Assert.True(core.GetType(name) is not null, $"{name} is not a type of Evolink.Core");
    }

    [Fact]
    public void Every_property_a_view_names_exists_on_its_type()
    {
        foreach (var view in _format.Descendants("View"))
        {
            var type = _module.Core.GetType(view.Descendants("TypeName").Single().Value)!;
            foreach (var property in view.Descendants("PropertyName").Select(p => p.Value))
                Assert.True(type.GetProperty(property) is not null, $"{type.Name} has no property {property}");
        }
    }

    [Fact]
    public void A_response_shows_its_text_by_default_and_a_summary_when_it_was_streamed()
    {
        var first = _format.Descendants("View").First(v => v.Descendants("TypeName").Single().Value == "Evolink.Chat.ChatResponse");

        Assert.NotNull(first.Element("CustomControl"));
        var script = first.Descendants("ScriptBlock").Single().Value;
        Assert.Contains("$_.Streamed", script);
        Assert.Contains("$_.Summary", script);
        Assert.Contains("$_.Text", script);
    }

    [Fact]
    public void The_manifest_lists_the_format_file_and_the_build_ships_it()
    {
        var manifest = PowerShellDataFile.Parse(File.ReadAllText(RepositoryPaths.File("Evolink.psd1")));

        Assert.Equal(new object?[] { "Evolink.Format.ps1xml" }, (List<object?>)manifest["FormatsToProcess"]!);
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "Evolink.Format.ps1xml")));
    }
}
