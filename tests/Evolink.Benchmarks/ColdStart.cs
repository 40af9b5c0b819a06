using System;
using System.Diagnostics;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Evolink.Chat;

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
            var reply = await Peers.Evolink(baseUri).CompleteAsync(ChatRequests.For("gpt-5.2", null, new[] { ChatMessage.User("cold") }));
            return reply.Text == "cold" ? 0 : 1;
        }
        var completion = await Peers.OpenAi(baseUri).CompleteChatAsync(new OpenAI.Chat.UserChatMessage("cold"));
        return completion.Value.Content[0].Text == "cold" ? 0 : 1;
    }

    /// <summary>The two clients take turns, so drift in the machine's load falls on both alike; the first pair warms the disk cache.</summary>
    public static Result[] Run(Uri baseUri, int runs)
    {
        var ours = new List<double>();
        var theirs = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            var a = Once("evolink", baseUri);
            var b = Once("openai", baseUri);
            if (i == 0)
                continue;
            ours.Add(a);
            theirs.Add(b);
        }
        return new[] { new Result("Evolink engine", Stats.Median(ours)), new Result("OpenAI .NET SDK", Stats.Median(theirs)) };
    }

    private static double Once(string which, Uri baseUri)
    {
        var self = Assembly.GetExecutingAssembly().Location;
        var clock = Stopwatch.StartNew();
        using var child = Process.Start(new ProcessStartInfo("dotnet", $"exec \"{self}\" --cold {which} {baseUri}") { UseShellExecute = false })!;
        child.WaitForExit();
        if (child.ExitCode != 0)
            throw new InvalidOperationException($"The {which} cold-start child failed with exit code {child.ExitCode}.");
        return clock.Elapsed.TotalMilliseconds;
    }
}
