using System;
using System.IO;
using System.Linq;
using Xunit;
using Evolink.Configuration;

namespace Evolink.Core.Tests;

/// <summary>The configuration file is input (validated field by field) and the user's own (private, locked, written through links).</summary>
public sealed class ConfigurationFileSafetyTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "evolink-config-" + Guid.NewGuid().ToString("N"));
    private string ConfigPath => Path.Combine(_folder, "evolink", "config.json");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private ConfigurationStore WriteFile(string json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigPath)!);
        File.WriteAllText(ConfigPath, json);
        return new ConfigurationStore(ConfigPath);
    }

    [Fact]
    public void Out_of_range_or_mistyped_values_are_ignored_one_by_one_with_the_file_and_field_named()
    {
        var store = WriteFile("""
            { "defaultModel": "gpt-5.2", "retryIntervalSec": -0.002, "maximumRetryCount": 1000000,
              "connectionTimeoutSeconds": 1e308, "operationTimeoutSeconds": 30, "timeoutSec": "soon", "maximumReplySizeMB": 0.5 }
            """);
        var configuration = store.Load(out var problem);
        Assert.Equal("gpt-5.2", configuration[Settings.DefaultModel]);
        Assert.Equal(30, configuration[Settings.OperationTimeoutSeconds]);
        Assert.Null(configuration[Settings.RetryIntervalSec]);
        Assert.Null(configuration[Settings.MaximumRetryCount]);
        Assert.Null(configuration[Settings.ConnectionTimeoutSeconds]);
        Assert.Null(configuration[Settings.TimeoutSec]);
        Assert.Null(configuration[Settings.MaximumReplySizeMB]);
        Assert.NotNull(problem);
        Assert.Contains(ConfigPath, problem!.Description);
        foreach (var field in new[] { "retryIntervalSec", "maximumRetryCount", "connectionTimeoutSeconds", "timeoutSec", "maximumReplySizeMB" })
            Assert.Contains($"'{field}'", problem!.Description);
        Assert.DoesNotContain("operationTimeoutSeconds", problem!.Description);
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_never_overwritten_by_an_update()
    {
        var store = WriteFile("{ this is not json");
        Assert.False(store.Update(c => { c[Settings.DefaultModel] = "x"; return true; }, out var problem));
        Assert.Contains("could not be read", problem!.Description);
        Assert.Equal("{ this is not json", File.ReadAllText(ConfigPath));
    }

    [Fact]
    public void Updates_from_several_writers_at_once_lose_nothing()
    {
        const int writers = 6, updates = 150;
        var store = new ConfigurationStore(ConfigPath);
        store.Save(new EvolinkConfiguration().With(Settings.DefaultModel, "0"));
        using var start = new System.Threading.Barrier(writers);
        var threads = Enumerable.Range(0, writers).Select(writer => new System.Threading.Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < updates; i++)
                new ConfigurationStore(ConfigPath).Update(c => { c[Settings.DefaultModel] = (int.Parse((string)c[Settings.DefaultModel]!) + 1).ToString(); return true; }, out _);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal((writers * updates).ToString(), store.Load(out _)[Settings.DefaultModel]);
    }

    [Fact]
    public void A_saved_file_is_private_and_an_existing_mode_is_kept()
    {
        if (OperatingSystem.IsWindows())
            return;
        var store = new ConfigurationStore(ConfigPath);
        store.Save(new EvolinkConfiguration().With(Settings.DefaultModel, "a"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ConfigPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(ConfigPath)!));
        File.SetUnixFileMode(ConfigPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        store.Save(new EvolinkConfiguration().With(Settings.DefaultModel, "b"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(ConfigPath));
    }

    [Fact]
    public void A_symbolic_link_stays_a_link_and_its_target_gets_the_new_content()
    {
        var target = Path.Combine(_folder, "dotfiles", "evolink.json");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, "{}");
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigPath)!);
        File.CreateSymbolicLink(ConfigPath, target);
        new ConfigurationStore(ConfigPath).Save(new EvolinkConfiguration().With(Settings.DefaultModel, "linked"));
        Assert.NotNull(new FileInfo(ConfigPath).LinkTarget);
        Assert.Contains("linked", File.ReadAllText(target));
    }
}
