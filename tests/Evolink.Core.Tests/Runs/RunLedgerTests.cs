using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Evolink.Account;
using Evolink.Chat;
using Evolink.Credentials;
using Evolink.Errors;
using Evolink.Runs;

namespace Evolink.Core.Tests;

/// <summary>A run over real HTTP against the fake gateway: nothing paid twice, a budget kept, shards that cover the inputs once.</summary>
public sealed class RunLedgerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "evolink-ledger-" + Guid.NewGuid().ToString("N"));
    private string JournalPath => Path.Combine(_folder, "run.jsonl");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    /// <summary>What a command does with each input: plan it, answer it from the journal or send it; outcomes in input order.</summary>
    private static async Task<List<(long Position, ChatResponse? Answer, EvolinkException? Error)>> RunAsync(
        EvolinkClient client, RunLedger ledger, IEnumerable<string> prompts, string model = "gpt-5.2")
    {
        var outcomes = new List<(long, ChatResponse?, EvolinkException?)>();
        long position = 0;
        foreach (var prompt in prompts)
        {
            position++;
            var request = Requests.Prompt(model, prompt);
            var step = ledger.Plan(client.RequestBody(request), streamed: false, position);
            if (step.OtherShard)
                continue;
            if (step.Recorded is { } recorded)
            {
                outcomes.Add((position, client.Restore(request, recorded), null));
                continue;
            }
            if (ledger.Journal is not null)
                request.IdempotencyKey = step.IdempotencyKey;
            try
            {
                outcomes.Add((position, await ledger.SendAsync(step, t => client.CompleteAsync(request, t), CancellationToken.None), null));
            }
            catch (EvolinkException ex)
            {
                outcomes.Add((position, null, ex));
            }
        }
        return outcomes;
    }

    private RunLedger Journaled(EvolinkClient client, RunBudget? budget = null, Shard? shard = null, string? path = null) =>
        new(RunJournal.Open(path ?? JournalPath, client.Options.Redactor), budget, shard);

    [Fact]
    public async Task A_rerun_sends_only_what_has_no_answer_and_outputs_the_recorded_answers_in_their_place()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);
        var prompts = new[] { "one", "two", "three", "two" };

        using (var ledger = Journaled(client))
            await RunAsync(client, ledger, prompts.Take(2));
        Assert.Equal(2, gateway.ChatRequests.Length);

        using (var ledger = Journaled(client))
        {
            var outcomes = await RunAsync(client, ledger, prompts);
            Assert.Equal(new[] { "one", "two", "three", "two" }, outcomes.Select(o => o.Answer!.Text));
            Assert.Equal(new[] { true, true, false, false }, outcomes.Select(o => o.Answer!.FromJournal));
            // A recorded answer is whole again: its conversation continues.
            Assert.Equal(new[] { "user", "assistant" }, outcomes[0].Answer!.Conversation!.Messages.Select(m => m.Role));
        }
        // Only the third and the second "two" (a duplicate is its own request) went out.
        Assert.Equal(new[] { "one", "two", "three", "two" }, gateway.ChatRequests.Select(r => (string)r.Json!["messages"]![0]!["content"]!));
    }

    [Fact]
    public async Task Each_request_goes_out_with_its_journal_key_so_one_in_flight_when_the_process_died_is_replayed_not_billed()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);

        // A run that died after the gateway answered but before the journal took the line: the request went out, nothing was recorded.
        using (var ledger = Journaled(client))
        {
            var request = Requests.Prompt("gpt-5.2", "in flight");
            var step = ledger.Plan(client.RequestBody(request), false, 1);
            request.IdempotencyKey = step.IdempotencyKey;
            await client.CompleteAsync(request);
        }
        Assert.Equal(1, gateway.Billed);

        using (var ledger = Journaled(client))
        {
            var outcome = (await RunAsync(client, ledger, new[] { "in flight" })).Single();
            Assert.Equal("in flight", outcome.Answer!.Text);
            Assert.True(outcome.Answer.IdempotencyReplayed);
        }
        Assert.Equal(1, gateway.Billed);
        Assert.Equal(1, gateway.Replayed);
        Assert.Single(gateway.ChatRequests.Select(r => r.Header("Idempotency-Key")).Distinct());
        Assert.Contains("\"idempotency_replayed\":true", File.ReadAllText(JournalPath));
    }

    [Fact]
    public async Task A_failed_input_is_sent_again_on_the_rerun_and_another_model_is_another_request()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);
        using (var ledger = Journaled(client))
        {
            var failed = await RunAsync(client, ledger, new[] { "x" }, model: "fake-status-400");
            Assert.NotNull(failed.Single().Error);
        }
        using (var ledger = Journaled(client))
        {
            var again = await RunAsync(client, ledger, new[] { "x" }, model: "fake-status-400");
            Assert.NotNull(again.Single().Error);
            var fresh = await RunAsync(client, ledger, new[] { "x" });
            Assert.False(fresh.Single().Answer!.FromJournal);
        }
        var keys = gateway.ChatRequests.Select(r => r.Header("Idempotency-Key")).ToArray();
        // After a refusal the same request goes under a new key (the gateway may keep the refusal under the old one).
        Assert.Equal(3, keys.Distinct().Count());
        Assert.Equal(keys[0] + ".1", keys[1]);
    }

    [Fact]
    public async Task A_token_budget_stops_sending_once_spent_counting_what_the_journal_spent_and_says_so_fast()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);
        var perCall = (await client.CompleteAsync(Requests.Prompt("gpt-5.2", "p0"))).Usage!.TotalTokens!.Value;
        var sentBefore = gateway.ChatRequests.Length;

        using (var ledger = Journaled(client))
            await RunAsync(client, ledger, new[] { "p1", "p2" });
        // The budget starts from what the journal spent, as the command builds it.
        using (var journal = RunJournal.Open(JournalPath, client.Options.Redactor))
        {
            Assert.Equal(2L * perCall, journal.SpentTokens);
            using var ledger = new RunLedger(journal, new RunBudget(3L * perCall, null, journal.SpentTokens, null), null);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var outcomes = await RunAsync(client, ledger, new[] { "p1", "p2", "p3", "p4", "p5" });
            Assert.Equal(new[] { true, true, false }, outcomes.Take(3).Select(o => o.Answer!.FromJournal));
            var refused = outcomes.Skip(3).Select(o => o.Error!).ToArray();
            Assert.Equal(2, refused.Length);
            Assert.All(refused, e => Assert.Equal(EvolinkErrorKind.BudgetExceeded, e.Kind));
            Assert.Contains($"{3 * perCall} tokens used of {3 * perCall}", refused[0].Message);
            Assert.Contains("recorded in the journal", refused[0].Message);
            Assert.Equal(EvolinkRemedy.RaiseTokenBudget, refused[0].Remedy);
        }
        // p1 and p2 from the first run, p3 in the second; p4 and p5 never left.
        Assert.Equal(3, gateway.ChatRequests.Length - sentBefore);
    }

    [Fact]
    public async Task A_minimum_credit_is_checked_before_the_first_request_and_refuses_all_when_the_balance_is_below()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);
        var balance = (await client.GetCreditsAsync()).Available!.Value;
        var asked = 0;
        Task<CreditBalance> Credits(CancellationToken token)
        {
            Interlocked.Increment(ref asked);
            return client.GetCreditsAsync(token);
        }

        using (var enough = new RunLedger(null, new RunBudget(null, balance - 1, 0, Credits), null))
            Assert.All(await RunAsync(client, enough, new[] { "a", "b", "c" }), o => Assert.NotNull(o.Answer));
        // Asked once for three quick requests: at most every 30 s.
        Assert.Equal(1, asked);

        var before = gateway.ChatRequests.Length;
        using var tooLittle = new RunLedger(null, new RunBudget(null, balance + 1, 0, Credits), null);
        var outcomes = await RunAsync(client, tooLittle, new[] { "a", "b" });
        Assert.All(outcomes, o => Assert.Equal(EvolinkErrorKind.BudgetExceeded, o.Error!.Kind));
        Assert.Contains("below the run's minimum", outcomes[0].Error!.Message);
        Assert.Equal(before, gateway.ChatRequests.Length);
        Assert.Equal(2, asked);
    }

    [Fact]
    public async Task Four_shards_with_their_own_journals_send_each_input_once_and_merge_back_in_input_order()
    {
        await using var gateway = await Gateway.StartAsync();
        var client = Gateway.Client(gateway);
        var prompts = Enumerable.Range(1, 40).Select(i => "item " + (i % 7)).ToArray();
        var journals = Enumerable.Range(1, 4).Select(i => Path.Combine(_folder, $"shard-{i}.jsonl")).ToArray();

        await Task.WhenAll(Enumerable.Range(1, 4).Select(async i =>
        {
            using var ledger = Journaled(client, shard: Shard.Parse($"{i}/4"), path: journals[i - 1]);
            await RunAsync(client, ledger, prompts);
        }));

        Assert.Equal(prompts.Length, gateway.ChatRequests.Length);
        var merge = new JournalMerge(journals);
        var outcomes = merge.Outcomes().ToArray();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), outcomes.Select(o => o.Position));
        Assert.Equal(prompts, outcomes.Select(o => o.Response!.Text));

        // The merged file is a journal: a rerun over all inputs sends nothing.
        var merged = Path.Combine(_folder, "merged.jsonl");
        merge.WriteTo(merged);
        using var ledgerOnMerged = Journaled(client, path: merged);
        var rerun = await RunAsync(client, ledgerOnMerged, prompts);
        Assert.All(rerun, o => Assert.True(o.Answer!.FromJournal));
        Assert.Equal(prompts.Length, gateway.ChatRequests.Length);
    }

    [Fact]
    public void A_merge_keeps_an_answer_over_a_failure_and_an_input_s_last_failure_when_none_answered()
    {
        Directory.CreateDirectory(_folder);
        var a = Path.Combine(_folder, "a.jsonl");
        var b = Path.Combine(_folder, "b.jsonl");
        var answer = new ChatResponse { Choices = { new ChatChoice { Message = ChatMessage.Assistant("done") } } };
        using (var journal = RunJournal.Open(a, SecretRedactor.None))
        {
            journal.RecordFailure("evolink-1", 1, "evolink-1", new EvolinkException(EvolinkErrorKind.Timeout, "slow"));
            journal.RecordFailure("evolink-2", 2, "evolink-2", new EvolinkException(EvolinkErrorKind.Timeout, "slow"));
        }
        using (var journal = RunJournal.Open(b, SecretRedactor.None))
        {
            journal.RecordAnswer("evolink-1", 1, "evolink-1", answer);
            journal.RecordFailure("evolink-2", 2, "evolink-2", new EvolinkException(EvolinkErrorKind.RateLimited, "busy"));
        }
        var outcomes = new JournalMerge(new[] { a, b }).Outcomes().ToArray();
        Assert.Equal("done", outcomes[0].Response!.Text);
        Assert.Equal(EvolinkErrorKind.RateLimited, outcomes[1].Error!.Kind);
        Assert.StartsWith("busy", outcomes[1].Error!.Message);
    }
}
