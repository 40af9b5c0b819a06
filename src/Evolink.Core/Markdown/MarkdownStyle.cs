using System;

namespace Evolink.Markdown;

/// <summary>What a piece of rendered Markdown is, for whoever shows it to choose how it looks; several may apply at once.</summary>
[Flags]
public enum MarkdownStyle
{
    None = 0,
    /// <summary>A heading's text.</summary>
    Heading = 1,
    /// <summary>**strong** text.</summary>
    Strong = 2,
    /// <summary>*emphasised* text.</summary>
    Emphasis = 4,
    /// <summary>`inline code`.</summary>
    Code = 8,
    /// <summary>A line of a fenced or indented code block.</summary>
    CodeBlock = 16,
    /// <summary>A fenced block's opening or closing line, with the language's name.</summary>
    Fence = 32,
    /// <summary>Quoted text and its bar.</summary>
    Quote = 64,
    /// <summary>A list item's bullet or number, a table's borders.</summary>
    Marker = 128,
    /// <summary>A link's text.</summary>
    Link = 256,
    /// <summary>Where a link goes, shown after its text.</summary>
    LinkTarget = 512,
    /// <summary>A thematic break.</summary>
    Rule = 1024,
    /// <summary>~~struck-through~~ text.</summary>
    Strike = 2048,
}
