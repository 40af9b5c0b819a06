using System;
using System.Management.Automation.Host;

namespace Evolink.Module.Tests;

/// <summary>A console of fixed size (120 columns, as a usual terminal): the formatter reads the width from here.</summary>
public sealed class RecordingRawUserInterface : PSHostRawUserInterface
{
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override Coordinates CursorPosition { get; set; }
    public override Coordinates WindowPosition { get; set; }
    public override int CursorSize { get; set; } = 25;
    public override Size BufferSize { get; set; } = new(120, 3000);
    public override Size WindowSize { get; set; } = new(120, 50);
    public override Size MaxWindowSize => new(120, 50);
    public override Size MaxPhysicalWindowSize => new(120, 50);
    public override bool KeyAvailable => false;
    public override string WindowTitle { get; set; } = "Evolink tests";

    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("The test host reads no keys.");
    public override void FlushInputBuffer() { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
}
