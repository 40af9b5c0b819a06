using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Evolink.Configuration;

namespace Evolink.Core.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("evolink-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Func<string, string?> Env(Dictionary<string, string> values) => name => values.GetValueOrDefault(name);

    [Fact]
    public void The_file_lives_in_each_systems_user_configuration_folder_unless_EVOLINK_CONFIG_says_otherwise()
    {
        Assert.Equal(Path.Combine(@"C:\Users\ada\AppData\Roaming", "Evolink", "config.json"),
            ConfigurationStore.DefaultPath(Env(new() { ["APPDATA"] = @"C:\Users\ada\AppData\Roaming" }), isWindows: true, home: @"C:\Users\ada"));
        Assert.Equal(Path.Combine("/home/ada", ".config", "evolink", "config.json"),
            ConfigurationStore.DefaultPath(Env(new()), isWindows: false, home: "/home/ada"));
        Assert.Equal(Path.Combine("/xdg", "evolink", "config.json"),
            ConfigurationStore.DefaultPath(Env(new() { ["XDG_CONFIG_HOME"] = "/xdg" }), isWindows: false, home: "/Users/ada"));
        Assert.Equal("/ci/evolink.json",
            ConfigurationStore.DefaultPath(Env(new() { ["EVOLINK_CONFIG"] = "/ci/evolink.json" }), isWindows: false, home: "/home/ada"));
    }

    [Fact]
    public void A_saved_configuration_loads_back_whole_and_no_temporary_file_is_left()
    {
        var store = new ConfigurationStore(Path.Combine(_folder, "nested", "config.json"));
        var saved = new EvolinkConfiguration().With(Settings.DefaultModel, "gpt-5.2").With(Settings.BaseUri, new Uri("https://api.evolink.ai")).With(Settings.SecretName, "Evolink").With(Settings.Vault, "Work").With(Settings.MaximumRetryCount, 5).With(Settings.RetryIntervalSec, 0.5).With(Settings.ConnectionTimeoutSeconds, 30).With(Settings.OperationTimeoutSeconds, 60);

        store.Save(saved);
        var loaded = store.Load(out var problem);

        Assert.Null(problem);
        Assert.Equal(("gpt-5.2", "https://api.evolink.ai/", "Evolink", "Work", 5, 0.5, 30, 60),
            (loaded[Settings.DefaultModel], loaded[Settings.BaseUri]!.ToString(), loaded[Settings.SecretName], loaded[Settings.Vault], loaded[Settings.MaximumRetryCount], loaded[Settings.RetryIntervalSec], loaded[Settings.ConnectionTimeoutSeconds], loaded[Settings.OperationTimeoutSeconds]));
        Assert.Equal(store.Path, loaded.Path);
        Assert.Equal(new[] { "config.json" }, Directory.GetFiles(Path.Combine(_folder, "nested")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_reader_never_sees_a_half_written_file_while_it_is_saved_over_and_over()
    {
        var store = new ConfigurationStore(Path.Combine(_folder, "config.json"));
        store.Save(new EvolinkConfiguration().With(Settings.DefaultModel, "first"));
        using var stop = new CancellationTokenSource();
        var problems = 0;
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var loaded = store.Load(out var problem);
                if (problem is not null || loaded[Settings.DefaultModel] is null)
                    Interlocked.Increment(ref problems);
                Interlocked.Increment(ref reads);
            }
        });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 300 || (Volatile.Read(ref reads) < 200 && clock.Elapsed < TimeSpan.FromSeconds(20)); i++)
            store.Save(new EvolinkConfiguration().With(Settings.DefaultModel, new string('m', i % 50 + 1)).With(Settings.Vault, $"vault-{i}"));
        stop.Cancel();
        await reader;

        Assert.True(reads > 10, $"only {reads} reads");
        Assert.Equal(0, problems);
    }

    [Fact]
    public void A_corrupt_file_is_reported_with_its_path_and_ignored()
    {
        var path = Path.Combine(_folder, "config.json");
        File.WriteAllText(path, "{ \"defaultModel\": ");

        var loaded = new ConfigurationStore(path).Load(out var problem);

        Assert.Null(loaded[Settings.DefaultModel]);
        Assert.Contains(path, problem!.Description);
        Assert.Contains("ignored", problem!.Description);
    }

    [Fact]
    public void The_configuration_has_no_place_for_a_key_and_a_key_in_the_file_is_not_read()
    {
        var path = Path.Combine(_folder, "config.json");
        File.WriteAllText(path, """{ "apiKey": "sk-should-never-be-here", "defaultModel": "m" }""");
        var store = new ConfigurationStore(path);

        var loaded = store.Load(out _);
        store.Save(loaded);

        Assert.DoesNotContain(typeof(EvolinkConfiguration).GetProperties(), p => p.Name.Contains("Key", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("sk-should-never-be-here", File.ReadAllText(path));
        Assert.Equal("m", loaded[Settings.DefaultModel]);
    }

    [Fact]
    public void Session_settings_win_over_saved_ones_field_by_field()
    {
        var merged = ConfigurationLayers.Effective(
            new EvolinkConfiguration().With(Settings.DefaultModel, "session-model"),
            new EvolinkConfiguration { Path = "/p" }.With(Settings.DefaultModel, "saved-model").With(Settings.Vault, "Work"),
            _ => null);

        Assert.Equal(("session-model", "Work", "/p"), (merged[Settings.DefaultModel], merged[Settings.Vault], merged.Path));
    }
}

public sealed class ConfigurationUpdateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("evolink-config-update-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Storing_a_key_records_its_secret_and_removing_only_that_secret_forgets_it()
    {
        var store = new ConfigurationStore(Path.Combine(_folder, "config.json"));
        store.Save(new EvolinkConfiguration().With(Settings.DefaultModel, "kept"));

        store.Update(c => c.UseSecret("Evolink", "Work"), out _);
        var otherRemoved = store.Update(c => c.ForgetSecret("Evolink", "Home"), out _);
        var afterOther = store.Load(out _);
        var removed = store.Update(c => c.ForgetSecret("evolink", "Work"), out _);
        var afterRemove = store.Load(out _);

        Assert.Equal(("Evolink", "Work", "kept"), (afterOther[Settings.SecretName], afterOther[Settings.Vault], afterOther[Settings.DefaultModel]));
        Assert.False(otherRemoved);
        Assert.True(removed);
        Assert.Equal(((string?)null, (string?)null, "kept"), (afterRemove[Settings.SecretName], afterRemove[Settings.Vault], afterRemove[Settings.DefaultModel]));
    }
}
