using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Xunit;
using Evolink.Chat;
using Evolink.Credentials;
using Evolink.Errors;
using Evolink.Runs;

namespace Evolink.Core.Tests;

/// <summary>The journal file: what a line holds, what a rerun reads back, and every way a file can be wrong.</summary>
public sealed class RunJournalTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "evolink-journal-" + Guid.NewGuid().ToString("N"));
    private string JournalPath => Path.Combine(_folder, "run.jsonl");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private static ChatResponse Answer(string text, int tokens = 12) => new()
    {
        Id = "chatcmpl-1",
        Model = "gpt-5.2",
        RequestId = "req-42",
        Choices = { new ChatChoice { Index = 0, Message = ChatMessage.Assistant(text), FinishReason = "stop" } },
        Usage = new Usage { PromptTokens = tokens - 2, CompletionTokens = 2, TotalTokens = tokens },
    };

    private static EvolinkApiException Refusal(int status) =>
        new(status, new GatewayError { Code = "invalid_parameter", Message = "bad" }, "req-err", $"HTTP {status}: bad");

    [Fact]
    public void A_rerun_reads_back_each_answer_with_its_text_request_id_and_tokens_and_counts_failures()
    {
        using (var journal = RunJournal.Open(JournalPath, SecretRedactor.None))
        {
            Assert.Equal(0, journal.Answered);
            journal.RecordAnswer("evolink-a", 1, "evolink-a", Answer("first"));
            journal.RecordFailure("evolink-b", 2, "evolink-b", Refusal(500));
            journal.RecordAnswer("evolink-c", 3, "evolink-c", Answer("third", tokens: 30));
        }

        using var again = RunJournal.Open(JournalPath, SecretRedactor.None);
        Assert.Equal(2, again.Answered);
        Assert.Equal(1, again.Failures);
        Assert.Equal(42, again.SpentTokens);
        var first = again.AnswerOf("evolink-a")!;
        Assert.Equal("first", first.Text);
        Assert.Equal("req-42", first.RequestId);
        Assert.True(first.FromJournal);
        Assert.Equal(12, first.Usage!.TotalTokens);
        Assert.Null(again.AnswerOf("evolink-b"));
        Assert.Null(again.AnswerOf("evolink-unknown"));
        Assert.Null(again.Repaired);
    }

    [Fact]
    public void Each_line_reads_as_an_OpenAI_batch_output_line_with_the_run_s_own_fields()
    {
        using (var journal = RunJournal.Open(JournalPath, SecretRedactor.None))
        {
            journal.RecordAnswer("evolink-a", 1, "evolink-a", Answer("hi"));
            journal.RecordFailure("evolink-b", 2, "evolink-b.1", Refusal(400));
        }
        var lines = File.ReadAllLines(JournalPath).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal("evolink-a", lines[0].GetProperty("custom_id").GetString());
        Assert.Equal(200, lines[0].GetProperty("response").GetProperty("status_code").GetInt32());
        Assert.Equal("req-42", lines[0].GetProperty("response").GetProperty("request_id").GetString());
        Assert.Equal("hi", lines[0].GetProperty("response").GetProperty("body").GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, lines[0].GetProperty("error").ValueKind);
        Assert.Equal(1, lines[0].GetProperty("position").GetInt64());
        Assert.Equal(400, lines[1].GetProperty("response").GetProperty("status_code").GetInt32());
        Assert.Equal("invalid_parameter", lines[1].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("InvalidRequest", lines[1].GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("evolink-b.1", lines[1].GetProperty("idempotency_key").GetString());
    }

    [Fact]
    public void A_run_holds_nothing_in_memory_for_each_answer_it_records()
    {
        // A run of 100,000 inputs would otherwise keep an entry per answer to its end, which every collection walks;
        // its own answers are read back only by the next run, from the file.
        using var journal = RunJournal.Open(JournalPath, SecretRedactor.None);
        var recordedKey = RecordOne(journal);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(recordedKey.IsAlive, "the journal still holds the key of an answer it recorded");
        journal.Dispose();
        using var again = RunJournal.Open(JournalPath, SecretRedactor.None);
        Assert.Equal("kept", again.AnswerOf("evolink-kept")!.Text);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference RecordOne(RunJournal journal)
    {
        var key = new string("evolink-kept".ToCharArray());
        journal.RecordAnswer(key, 1, key, Answer("kept"));
        return new WeakReference(key);
    }

    [Fact]
    public void A_request_refused_by_the_gateway_is_sent_again_under_a_new_key_but_one_that_timed_out_keeps_its_key()
    {
        using (var journal = RunJournal.Open(JournalPath, SecretRedactor.None))
        {
            journal.RecordFailure("evolink-refused", 1, "evolink-refused", Refusal(400));
            journal.RecordFailure("evolink-busy", 2, "evolink-busy", Refusal(503));
            journal.RecordFailure("evolink-slow", 3, "evolink-slow", new EvolinkException(EvolinkErrorKind.Timeout, "no reply"));
            // In the same run too: the next attempt's key follows what was recorded.
            Assert.Equal("evolink-refused.1", journal.IdempotencyKeyOf("evolink-refused"));
        }
        using var again = RunJournal.Open(JournalPath, SecretRedactor.None);
        Assert.Equal("evolink-refused.1", again.IdempotencyKeyOf("evolink-refused"));
        Assert.Equal("evolink-busy", again.IdempotencyKeyOf("evolink-busy"));
        Assert.Equal("evolink-slow", again.IdempotencyKeyOf("evolink-slow"));
        Assert.Equal("evolink-new", again.IdempotencyKeyOf("evolink-new"));
    }

    [Fact]
    public void A_second_run_on_the_same_journal_is_refused_while_the_first_has_it_and_allowed_after()
    {
        var first = RunJournal.Open(JournalPath, SecretRedactor.None);
        var refused = Assert.Throws<EvolinkException>(() => RunJournal.Open(JournalPath, SecretRedactor.None));
        Assert.Equal(EvolinkErrorKind.Journal, refused.Kind);
        Assert.Equal(EvolinkRemedy.JournalInUse, refused.Remedy);
        Assert.Contains("in use by another run", refused.Message);
        first.Dispose();
        RunJournal.Open(JournalPath, SecretRedactor.None).Dispose();
    }

    [Fact]
    public void A_torn_last_line_is_dropped_and_reported_once_and_the_next_line_starts_clean()
    {
        using (var journal = RunJournal.Open(JournalPath, SecretRedactor.None))
            journal.RecordAnswer("evolink-a", 1, "evolink-a", Answer("kept"));
        File.AppendAllText(JournalPath, "{\"evolink_journal\":1,\"custom_id\":\"evolink-b\",\"position\":2,\"resp");

        using (var journal = RunJournal.Open(JournalPath, SecretRedactor.None))
        {
            Assert.Contains("cut off", journal.Repaired);
            Assert.Equal(1, journal.Answered);
            Assert.Null(journal.AnswerOf("evolink-b"));
            journal.RecordAnswer("evolink-b", 2, "evolink-b", Answer("second"));
        }
        using var last = RunJournal.Open(JournalPath, SecretRedactor.None);
        Assert.Null(last.Repaired);
        Assert.Equal("second", last.AnswerOf("evolink-b")!.Text);
        Assert.Equal(2, File.ReadAllLines(JournalPath).Length);
    }

    [Theory]
    [InlineData("name,email\nada,ada@example.com\n", "is not an Evolink journal")]
    [InlineData("{\"custom_id\":\"x\"}\n", "is not an Evolink journal")]
    [InlineData("{\"evolink_journal\":7,\"custom_id\":\"x\",\"position\":1,\"error\":null}\n", "later version")]
    public void A_file_that_is_not_a_journal_is_refused_before_anything_and_left_as_it_was(string content, string said)
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(JournalPath, content);
        var error = Assert.Throws<EvolinkException>(() => RunJournal.Open(JournalPath, SecretRedactor.None));
        Assert.Equal(EvolinkErrorKind.Journal, error.Kind);
        Assert.Equal(EvolinkRemedy.ChooseJournal, error.Remedy);
        Assert.Contains(said, error.Message);
        Assert.Equal(content, File.ReadAllText(JournalPath));
        // Refused, it is not held: the user can fix it and go on.
        File.Delete(JournalPath);
        RunJournal.Open(JournalPath, SecretRedactor.None).Dispose();
    }

    [Fact]
    public void A_bad_line_in_the_middle_is_named_by_its_number()
    {
        using (var journal = RunJournal.Open(JournalPath, SecretRedactor.None))
            journal.RecordAnswer("evolink-a", 1, "evolink-a", Answer("kept"));
        File.AppendAllText(JournalPath, "not json\n");
        using (var journal = File.AppendText(JournalPath))
            journal.Write(File.ReadAllLines(JournalPath)[0] + "\n");
        var error = Assert.Throws<EvolinkException>(() => RunJournal.Open(JournalPath, SecretRedactor.None));
        Assert.Contains("Line 2", error.Message);
    }

    [Fact]
    public void The_key_never_reaches_the_journal_even_when_a_reply_or_an_error_carries_it()
    {
        const string key = "sk-journal-secret-0123456789";
        using (var journal = RunJournal.Open(JournalPath, new SecretRedactor(key)))
        {
            journal.RecordAnswer("evolink-a", 1, "evolink-a", Answer("your key is " + key));
            journal.RecordFailure("evolink-b", 2, "evolink-b", new EvolinkException(EvolinkErrorKind.Network, "proxy said Bearer " + key));
        }
        var text = File.ReadAllText(JournalPath);
        Assert.DoesNotContain(key, text);
        Assert.DoesNotContain(key.Substring(0, SecretRedactor.IdentifyingLength + 4), text);
        Assert.Contains(SecretRedactor.Mask, text);
    }

    [Fact]
    public void A_new_journal_is_readable_by_its_owner_only()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            return;
        RunJournal.Open(JournalPath, SecretRedactor.None).Dispose();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(JournalPath));
    }

    [Fact]
    public void A_journal_that_cannot_take_a_line_fails_with_what_to_do_and_keeps_what_it_had()
    {
        if (!File.Exists("/dev/full"))
            return;
        // /dev/full is a real device that refuses every write as a full disk does (and reads as endless zeros, which a journal must not follow).
        using var journal = RunJournal.Open("/dev/full", SecretRedactor.None);
        var error = Assert.Throws<EvolinkException>(() => journal.RecordAnswer("evolink-a", 7, "evolink-a", Answer("lost")));
        Assert.Equal(EvolinkErrorKind.Journal, error.Kind);
        Assert.Equal(EvolinkRemedy.WritableJournal, error.Remedy);
        Assert.Contains("could not be written", error.Message);
        Assert.Contains("Not recorded: input 7", error.Message);
        // Once it failed, the next outcome is refused at once: the run stops instead of paying for answers nobody keeps.
        Assert.Throws<EvolinkException>(() => journal.RecordAnswer("evolink-b", 8, "evolink-b", Answer("refused")));
    }

    [Fact]
    public void A_folder_is_not_a_journal()
    {
        Directory.CreateDirectory(_folder);
        var error = Assert.Throws<EvolinkException>(() => RunJournal.Open(_folder, SecretRedactor.None));
        Assert.Contains("is a folder", error.Message);
    }
}
