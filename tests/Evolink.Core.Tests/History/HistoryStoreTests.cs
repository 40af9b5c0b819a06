using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using Evolink.Chat;
using Evolink.Credentials;
using Evolink.History;

namespace Evolink.Core.Tests;

/// <summary>The history file: what it keeps, what a search finds, appends from threads and processes at once, the key never in it.</summary>
public sealed class HistoryStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "evolink-history-" + Guid.NewGuid().ToString("N"));
    private string HistoryPath => Path.Combine(_folder, "history.jsonl");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private static HistoryEntry Entry(string prompt, string? reply = "ok", string model = "gpt-5.2", DateTimeOffset? time = null, string? error = null) => new()
    {
        Time = time ?? DateTimeOffset.UtcNow,
        Model = model,
        Messages = { ChatMessage.System("Be terse."), ChatMessage.User(prompt) },
        Reply = error is null ? reply : null,
        ErrorKind = error,
        Error = error is null ? null : "it failed",
    };

    [Fact]
    public void Search_finds_by_text_in_prompts_and_replies_ignoring_case_including_non_ASCII_and_quotes()
    {
        var store = new HistoryStore(HistoryPath);
        store.Append(Entry("Explain DNS", "Names to addresses."), SecretRedactor.None);
        store.Append(Entry("Grüße aus Köln", "Hallo 🌍"), SecretRedactor.None);
        store.Append(Entry("say \"quoted\" words", "done"), SecretRedactor.None);
        store.Append(Entry("unrelated", "nothing"), SecretRedactor.None);

        Assert.Equal(new[] { "Explain DNS" }, store.Find(new HistoryQuery { Text = "dns" }).Select(e => e.Prompt));
        Assert.Equal(new[] { "Explain DNS" }, store.Find(new HistoryQuery { Text = "ADDRESSES" }).Select(e => e.Prompt));
        Assert.Equal(new[] { "Grüße aus Köln" }, store.Find(new HistoryQuery { Text = "köln" }).Select(e => e.Prompt));
        Assert.Equal(new[] { "Grüße aus Köln" }, store.Find(new HistoryQuery { Text = "🌍" }).Select(e => e.Prompt));
        Assert.Equal(new[] { "say \"quoted\" words" }, store.Find(new HistoryQuery { Text = "\"quoted\"" }).Select(e => e.Prompt));
        // The system prompt counts; the model's name in the line does not.
        Assert.Equal(4, store.Find(new HistoryQuery { Text = "terse" }).Count());
        Assert.Empty(store.Find(new HistoryQuery { Text = "gpt-5.2" }));
    }

    [Fact]
    public void Model_time_failures_and_last_narrow_the_search()
    {
        var store = new HistoryStore(HistoryPath);
        var day = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        store.Append(Entry("a", model: "gpt-5.2", time: day), SecretRedactor.None);
        store.Append(Entry("b", model: "gemini-2.5-flash", time: day.AddDays(1)), SecretRedactor.None);
        store.Append(Entry("c", model: "gpt-4o", time: day.AddDays(2), error: "RateLimited"), SecretRedactor.None);
        store.Append(Entry("d", model: "gpt-5.2", time: day.AddDays(3)), SecretRedactor.None);

        string[] Prompts(HistoryQuery q) => store.Find(q).Select(e => e.Prompt).ToArray();
        Assert.Equal(new[] { "a", "c", "d" }, Prompts(new HistoryQuery { Model = "GPT-*" }));
        Assert.Equal(new[] { "b", "c" }, Prompts(new HistoryQuery { After = day.AddDays(1), Before = day.AddDays(3) }));
        Assert.Equal(new[] { "c" }, Prompts(new HistoryQuery { FailedOnly = true }));
        Assert.Equal(new[] { "c", "d" }, Prompts(new HistoryQuery { Last = 2 }));
        Assert.Equal(new[] { "d" }, Prompts(new HistoryQuery { Model = "gpt-5.2", Last = 1 }));
    }

    [Fact]
    public void The_key_never_reaches_the_file_even_when_a_prompt_or_an_error_holds_it()
    {
        const string key = "sk-history-secret-0123456789";
        var store = new HistoryStore(HistoryPath);
        store.Append(Entry($"my key is {key}", $"you said {key}"), new SecretRedactor(key));
        store.Append(Entry("fails", error: "Authentication") is var e ? Fail(e, $"Bearer {key} refused") : null!, new SecretRedactor(key));
        var text = File.ReadAllText(HistoryPath);
        Assert.DoesNotContain(key, text);
        Assert.DoesNotContain(key.Substring(0, 12), text);
        Assert.Equal(2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static HistoryEntry Fail(HistoryEntry entry, string error)
    {
        entry.Error = error;
        return entry;
    }

    [Fact]
    public void A_line_that_cannot_be_read_is_skipped_and_the_others_are_found()
    {
        var store = new HistoryStore(HistoryPath);
        store.Append(Entry("before"), SecretRedactor.None);
        File.AppendAllText(HistoryPath, "{ torn line\n");
        store.Append(Entry("after"), SecretRedactor.None);
        Assert.Equal(new[] { "before", "after" }, store.Find(new HistoryQuery()).Select(e => e.Prompt));
    }

    [Fact]
    public void Past_the_size_limit_the_oldest_entries_go_and_the_newest_stay()
    {
        var store = new HistoryStore(HistoryPath, maximumBytes: 20_000);
        for (var i = 0; i < 200; i++)
            store.Append(Entry($"prompt {i:D3} " + new string('x', 200)), SecretRedactor.None);
        var kept = store.Find(new HistoryQuery()).Select(e => e.Prompt).ToList();
        Assert.True(new FileInfo(HistoryPath).Length <= 20_000);
        Assert.StartsWith("prompt 199", kept[^1]);
        Assert.True(kept.Count is > 20 and < 200, $"{kept.Count} kept");
    }

    [Fact]
    public void Last_reads_from_the_end_across_many_blocks_and_agrees_with_a_full_scan()
    {
        var store = new HistoryStore(HistoryPath);
        for (var i = 0; i < 600; i++)
            store.Append(Entry($"prompt {i:D3} äöü " + new string('x', 400)), SecretRedactor.None);
        Assert.True(new FileInfo(HistoryPath).Length > 4 * 65536);
        var all = store.Find(new HistoryQuery()).Select(e => e.Prompt).ToList();
        Assert.Equal(600, all.Count);
        Assert.Equal(all.Skip(1), store.Find(new HistoryQuery { Last = 599 }).Select(e => e.Prompt));
        Assert.Equal(all.Where((_, i) => i % 100 == 42).TakeLast(3), store.Find(new HistoryQuery { Text = "42 äöü", Last = 3 }).Select(e => e.Prompt));
    }

    [Fact]
    public void Clear_removes_everything_or_only_what_is_older_than_a_time()
    {
        var store = new HistoryStore(HistoryPath);
        var now = DateTimeOffset.UtcNow;
        store.Append(Entry("old", time: now.AddDays(-10)), SecretRedactor.None);
        store.Append(Entry("new", time: now), SecretRedactor.None);
        Assert.Equal(1, store.Clear(now.AddDays(-1)));
        Assert.Equal(new[] { "new" }, store.Find(new HistoryQuery()).Select(e => e.Prompt));
        Assert.Equal(1, store.Clear(null));
        Assert.Empty(store.Find(new HistoryQuery()));
    }

    [Fact]
    public async Task Appends_from_threads_and_processes_at_once_lose_nothing_and_tear_nothing()
    {
        const int processes = 3, perProcess = 150, threads = 4, perThread = 150;
        var writer = Path.Combine(AppContext.BaseDirectory, "Evolink.HistoryWriter.dll");
        var children = Enumerable.Range(0, processes).Select(p => Process.Start(new ProcessStartInfo("dotnet", $"exec \"{writer}\" \"{HistoryPath}\" process{p} {perProcess}")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        })!).ToList();
        var store = new HistoryStore(HistoryPath);
        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < perThread; i++)
                store.Append(Entry($"thread{t} #{i} " + new string('y', 300)), SecretRedactor.None);
        })));
        foreach (var child in children)
        {
            Assert.True(child.WaitForExit(60_000), "a writer process did not finish");
            Assert.True(child.ExitCode == 0, await child.StandardError.ReadToEndAsync());
        }

        var lines = File.ReadAllLines(HistoryPath);
        Assert.Equal(processes * perProcess + threads * perThread, lines.Length);
        // Every line whole JSON, naming its writer and number: "process1 #42 xxx…".
        var prompts = lines.Select(l =>
        {
            var messages = JsonDocument.Parse(l).RootElement.GetProperty("messages");
            var words = messages[messages.GetArrayLength() - 1].GetProperty("content").GetString()!.Split(' ');
            return words[0] + " " + words[1];
        }).ToList();
        Assert.Equal(prompts.Count, prompts.Distinct().Count());
        for (var p = 0; p < processes; p++)
            Assert.Equal(perProcess, prompts.Count(x => x.StartsWith($"process{p} ")));
    }
}
