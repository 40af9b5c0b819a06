using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Evolink.Markdown;

/// <summary>
/// The inline part of one line of Markdown (emphasis, code, links) as styled
/// text, parsed by Markdig. The line's block syntax (heading marks, list
/// markers, quote bars) is taken off before it comes here, so what is left
/// is read as a paragraph's text only.
/// </summary>
internal static class InlineMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough).Build();

    // Text that would open a block when it starts a line: escaped, since here it is the middle of one.
    private static readonly Regex BlockStart = new(@"^(\s*)(#|>|[-*+](\s|$)|\d{1,9}[.)](\s|$)|```|~~~|=+\s*$|\|)", RegexOptions.CultureInvariant);

    // Characters that can start inline syntax; a line with none of them is shown as written without parsing it.
    private static readonly char[] Syntax = { '*', '_', '`', '[', ']', '<', '&', '~', '\\', '!', '#', '>', '|', '=', '+', '-' };

#if NET
    private static readonly System.Buffers.SearchValues<char> SyntaxValues = System.Buffers.SearchValues.Create(Syntax);

    /// <summary>Whether the text may hold inline syntax; without any it is shown as written.</summary>
    public static bool MayHoldSyntax(ReadOnlySpan<char> text) => text.IndexOfAny(SyntaxValues) >= 0;
#else
    /// <summary>Whether the text may hold inline syntax; without any it is shown as written.</summary>
    public static bool MayHoldSyntax(ReadOnlySpan<char> text) => text.IndexOfAny(Syntax) >= 0;
#endif

    public static void Render(string content, MarkdownStyle around, List<StyledText> into)
    {
        if (content.Length == 0)
            return;
        if (!MayHoldSyntax(content.AsSpan()))
        {
            into.Add(new StyledText(content, around));
            return;
        }
        var leading = content.Length - content.TrimStart().Length;
        if (leading > 0)
            into.Add(new StyledText(content.Substring(0, leading), around));
        var text = content.Substring(leading);
        var escaped = BlockStart.IsMatch(text) ? "\\" + text : text;
        var document = Markdig.Markdown.Parse(escaped, Pipeline);
        var before = into.Count;
        foreach (var block in document)
        {
            if (block is LeafBlock { Inline: { } inline })
                Walk(inline, around, into);
        }
        // HTML, a link definition: nothing a paragraph shows, so the line is shown as it was written.
        if (into.Count == before && text.Trim().Length > 0)
            into.Add(new StyledText(text.TrimEnd(), around));
        var trailing = text.Length - text.TrimEnd().Length;
        if (trailing > 0)
            into.Add(new StyledText(text.Substring(text.Length - trailing), around));
    }

    private static void Walk(ContainerInline container, MarkdownStyle style, List<StyledText> into)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    into.Add(new StyledText(literal.Content.ToString(), style));
                    break;
                case CodeInline code:
                    into.Add(new StyledText(code.Content, style | MarkdownStyle.Code));
                    break;
                case EmphasisInline emphasis:
                    Walk(emphasis, style | (emphasis.DelimiterChar == '~' ? MarkdownStyle.Strike : emphasis.DelimiterCount >= 2 ? MarkdownStyle.Strong : MarkdownStyle.Emphasis), into);
                    break;
                case LinkInline { IsImage: true } image:
                    into.Add(new StyledText("[image: ", style | MarkdownStyle.Link));
                    Walk(image, style | MarkdownStyle.Link, into);
                    into.Add(new StyledText("]", style | MarkdownStyle.Link));
                    Target(image.Url, style, into);
                    break;
                case LinkInline link:
                    var before = into.Count;
                    Walk(link, style | MarkdownStyle.Link, into);
                    // A link whose text is its address is shown once.
                    if (!(into.Count == before + 1 && into[before].Text == link.Url))
                        Target(link.Url, style, into);
                    break;
                case AutolinkInline auto:
                    into.Add(new StyledText(auto.Url, style | MarkdownStyle.Link));
                    break;
                case HtmlEntityInline entity:
                    into.Add(new StyledText(entity.Transcoded.ToString(), style));
                    break;
                case HtmlInline html:
                    into.Add(new StyledText(html.Tag, style));
                    break;
                case LineBreakInline:
                    into.Add(new StyledText(" ", style));
                    break;
                case ContainerInline nested:
                    Walk(nested, style, into);
                    break;
            }
        }
    }

    private static void Target(string? url, MarkdownStyle style, List<StyledText> into)
    {
        if (!string.IsNullOrEmpty(url))
            into.Add(new StyledText(" (" + url + ")", style | MarkdownStyle.LinkTarget));
    }
}
