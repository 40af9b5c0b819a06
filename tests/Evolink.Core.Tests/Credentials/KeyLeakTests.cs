using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FakeEvolink;
using Xunit;
using Evolink.Chat;
using Evolink.Chat.Input;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;

namespace Evolink.Core.Tests;

/// <summary>
/// Every engine path that can fail or log, run with a key that is easy to
/// spot; the key must appear in none of what they produce.
/// </summary>
public sealed class KeyLeakTests : IDisposable
{
    private const string Canary = "sk-CANARY-7f3a9c2e5b1d4f60";
    private readonly string _folder = Directory.CreateTempSubdirectory("evolink-leak-").FullName;
    private readonly ConcurrentQueue<string> _said = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private EvolinkClient Client(FakeGateway gateway, bool rightKey) => new(new EvolinkClientOptions(EvolinkApiKey.FromText(rightKey ? Canary : Canary + "-wrong"))
    {
        BaseUri = gateway.BaseUri,
        Retry = new RetryPolicy { MaximumRetryCount = 1, RetryInterval = TimeSpan.FromMilliseconds(5) },
        OperationTimeout = TimeSpan.FromMilliseconds(300),
        Log = _said.Enqueue,
        LogDebug = _said.Enqueue,
    });

    private static ChatRequest Ask(string model) => Requests.Prompt(model, "abcdefghijkl");

    [Fact]
    public async Task The_key_appears_in_no_error_log_line_or_saved_file()
    {
        await using var gateway = await FakeGateway.StartAsync(apiKey: Canary);
        var good = Client(gateway, rightKey: true);
        var texts = new ConcurrentQueue<string>();

        async Task Capture(Func<Task> action)
        {
            try
            {
                await action();
            }
            catch (Exception ex)
            {
                texts.Enqueue(ex.ToString());
                texts.Enqueue(ex.Message);
                if (ex is EvolinkException { PartialResponse: { } partial })
                    texts.Enqueue(ConversationFile.ToJson(partial.Conversation ?? new Conversation()));
            }
        }

        await Capture(() => Client(gateway, rightKey: false).CompleteAsync(Ask("m")));
        await Capture(() => good.CompleteAsync(Ask("fake-status-500")));
        await Capture(() => good.CompleteAsync(Ask("fake-html-502")));
        await Capture(() => good.CompleteAsync(Ask("fake-never-ending-body")));
        await Capture(() => good.StreamAsync(Ask("fake-stream-error")).ToResponseAsync());
        await Capture(() => good.StreamAsync(Ask("fake-stream-cut")).ToResponseAsync());
        await Capture(() => good.StreamAsync(Ask("fake-stream-malformed")).ToResponseAsync());
        await Capture(() => new EvolinkClient(new EvolinkClientOptions(EvolinkApiKey.FromText(Canary)) { BaseUri = new Uri("http://remote.example.invalid") }).CompleteAsync(Ask("m")));
        var reply = await good.CompleteAsync(Ask("m"));
        var conversationFile = Path.Combine(_folder, "chat.json");
        ConversationFile.Save(reply, conversationFile);
        var configuration = new ConfigurationStore(Path.Combine(_folder, "config.json"));
        configuration.Save(new EvolinkConfiguration().With(Settings.SecretName, "Evolink").With(Settings.Vault, "Work"));
        texts.Enqueue(reply.ToString());
        texts.Enqueue(good.Options.ApiKey.ToString());
        texts.Enqueue(good.ToJson(Ask("m")));

        Assert.Contains(_said, line => line.Contains("Authorization: Bearer ***"));
        Assert.True(texts.Count > 15);
        var everything = texts.Concat(_said).Concat(new[] { File.ReadAllText(conversationFile), File.ReadAllText(configuration.Path) });
        Assert.DoesNotContain(everything, text => text.Contains("CANARY"));
        Assert.Contains(gateway.ChatRequests, r => r.Header("Authorization") == $"Bearer {Canary}");
    }
}
