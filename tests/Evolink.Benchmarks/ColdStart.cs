using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace Evolink.Benchmarks;

/// <summary>5. From starting a process to its first reply, for each client, in fresh processes.</summary>
internal static class ColdStart
{
    public sealed record Result(string Name, double MedianMilliseconds);

    /// <summary>What a child process does: one request with one client, then exit.</summary>
    public static async Task<int> ChildAsync(string which, Uri baseUri)
    {
        if (which == "evolink")
        {
            var reply = await Peers.Evolink(baseUri).CompleteAsync(ChatRequests.ForPrompt("gpt-5.2", null, Array.Empty<ChatMessage>(), "cold"));
            return reply.Text == "cold" ? 0 : 1;
        }
        var completion = await Peers.OpenAi(baseUri).CompleteChatAsync(new OpenAI.Chat.UserChatMessage("cold"));
        return completion.Value.Content[0].Text == "cold" ? 0 : 1;
    }

    public static Result[] Run(Uri baseUri, int runs) => new[]
    {
        Measure("Evolink engine", "evolink", baseUri, runs),
        Measure("OpenAI .NET SDK", "openai", baseUri, runs),
    };

    private static Result Measure(string name, string which, Uri baseUri, int runs)
    {
        var self = Assembly.GetExecutingAssembly().Location;
        var times = Enumerable.Range(0, runs + 1).Select(_ =>
        {
            var clock = Stopwatch.StartNew();
            using var child = Process.Start(new ProcessStartInfo("dotnet", $"exec \"{self}\" --cold {which} {baseUri}") { UseShellExecute = false })!;
            child.WaitForExit();
            if (child.ExitCode != 0)
                throw new InvalidOperationException($"The {which} cold-start child failed with exit code {child.ExitCode}.");
            return clock.Elapsed.TotalMilliseconds;
        }).Skip(1).ToArray();
        return new Result(name, Stats.Median(times));
    }
}
