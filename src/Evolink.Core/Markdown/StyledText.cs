namespace Evolink.Markdown;

/// <summary>A run of rendered text and what it is. The text is the reply's own, without its Markdown syntax.</summary>
public readonly struct StyledText
{
    public StyledText(string text, MarkdownStyle style)
    {
        Text = text;
        Style = style;
    }

    public string Text { get; }
    public MarkdownStyle Style { get; }

    public override string ToString() => Style == MarkdownStyle.None ? Text : $"[{Style}]{Text}";
}
