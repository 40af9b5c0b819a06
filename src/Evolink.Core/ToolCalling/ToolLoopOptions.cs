namespace Evolink.ToolCalling;

public sealed class ToolLoopOptions
{
    /// <summary>How many rounds of tool calls are answered before the loop stops; small, since each round costs a request.</summary>
    public int MaximumToolRounds { get; set; } = 5;

    /// <summary>The most characters of one tool's output sent back to the model; the rest is cut, with a note saying so.</summary>
    public int MaximumResultCharacters { get; set; } = 20_000;
}
