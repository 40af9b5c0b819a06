namespace Evolink.Mcp;

/// <summary>What one call gave back, as text for the model: its text, its structured result, its images and resource links described.</summary>
public sealed class McpToolOutput
{
    public McpToolOutput(string text, bool isError)
    {
        Text = text;
        IsError = isError;
    }

    public string Text { get; }

    /// <summary>The server said the call failed; its text says why.</summary>
    public bool IsError { get; }
}
