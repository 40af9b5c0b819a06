using System.Diagnostics;
using System.Threading;
using FakeEvolink;

namespace Evolink.ModuleBenchmarks;

/// <summary>
/// Objects in, objects out, measured: 1,000 objects through Add-EvolinkProperty at several batch sizes, against the
/// fake's fill model (which counts a token per four bytes sent, the response format included): prompt tokens per
/// object, requests, and wall time. What -BatchSize's default was chosen from.
/// </summary>
internal sealed class PropertiesBench
{
    public const int Objects = 1000;
    /// <summary>The batch sizes measured; 0 is the command's default (no -BatchSize given).</summary>
    public static readonly int[] BatchSizes = { 1, 10, 20, 50, 0 };

    private const string Declared = "@{ Category = 'network', 'hardware', 'access', 'other'; Urgency = [int]; Summary = 'one sentence a manager understands'; Escalate = [bool] }";
    private const string Instructions = "Classify IT support tickets. Urgency is 1 (low) to 5 (an outage); escalate what a person must look at today.";

    private readonly BenchShell _shell;
    private long _promptTokens;
    private int _requests;

    public PropertiesBench(BenchShell shell, FakeGateway gateway)
    {
        _shell = shell;
        gateway.Scenarios.AddReply("bench-fill", call =>
        {
            var completion = FillModel.Answer(call);
            Interlocked.Add(ref _promptTokens, (int)completion["usage"]!["prompt_tokens"]!);
            Interlocked.Increment(ref _requests);
            return completion;
        });
        shell.Run($"$fillObjects = 1..{Objects} | ForEach-Object {{ [pscustomobject]@{{ Id = $_; Title = \"ticket $_\"; " +
                  "Body = \"The $(('network', 'hardware', 'access')[$_ % 3]) problem reported in ticket $_ needs a look before Friday.\" } }");
    }

    /// <summary>One pass of every object at this batch size (0: the default): its wall time (s), prompt tokens per object, and requests sent.</summary>
    public (double Seconds, double TokensPerObject, int Requests) Once(int batchSize)
    {
        Interlocked.Exchange(ref _promptTokens, 0);
        Interlocked.Exchange(ref _requests, 0);
        // -Force: the objects keep what the last pass filled, and the next pass fills them again.
        var took = _shell.Time($"$fillObjects | Add-EvolinkProperty {Declared} -Instructions '{Instructions}' -InputProperty Title, Body{(batchSize > 0 ? $" -BatchSize {batchSize}" : "")} -Force -Model bench-fill | Out-Null");
        var requests = Interlocked.CompareExchange(ref _requests, 0, 0);
        if (batchSize > 0 && requests < (Objects + batchSize - 1) / batchSize)
            throw new System.InvalidOperationException($"batch size {batchSize}: only {requests} requests for {Objects} objects");
        return (took.TotalSeconds, Interlocked.Read(ref _promptTokens) / (double)Objects, requests);
    }
}
