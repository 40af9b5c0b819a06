using System;
using System.Collections.Generic;
using System.Management.Automation.Host;
using System.Text;

namespace Evolink.Commands;

/// <summary>What the person did at the chat's prompt.</summary>
internal enum LineEnd
{
    /// <summary>Enter: the line is the message.</summary>
    Entered,
    /// <summary>Ctrl+C on an empty line: leave the chat (Ctrl+C on a line with text clears it instead).</summary>
    Interrupted,
    /// <summary>Ctrl+D on an empty line, or the input ended.</summary>
    EndOfInput,
}

/// <summary>
/// Reads the chat's input at a console, key by key, with the editing people
/// expect at a prompt: arrows, Home and End, Backspace and Delete, Ctrl+A, E,
/// U, K and W, Escape to clear, Up and Down through this chat's earlier lines,
/// and Ctrl+C read as a key, so the chat decides what it means. PSReadLine
/// is not used: it accepts Enter only for input that parses as PowerShell (an
/// apostrophe in "what's" would start a second line), colours prose as code,
/// and writes every line to the user's command history file.
/// </summary>
internal sealed class LineEditor
{
    private readonly PSHostUserInterface _ui;
    private readonly List<string> _history = new();

    public LineEditor(PSHostUserInterface ui) => _ui = ui;

    /// <summary>Where a console can be read key by key: pwsh's own console host, reading a terminal.</summary>
    public static bool Usable(PSHost host) =>
        host.Name == "ConsoleHost" && !Console.IsInputRedirected && !Console.IsOutputRedirected;

    /// <summary>Reads one line after the prompt, which the caller has written.</summary>
    public (LineEnd End, string Text) ReadLine()
    {
        // Ctrl+C is a key while the line is read, never also a signal that stops the chat; during a reply it is a signal again.
        var ctrlCWasInput = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        try
        {
            return Read();
        }
        finally
        {
            Console.TreatControlCAsInput = ctrlCWasInput;
        }
    }

    private (LineEnd End, string Text) Read()
    {
        var raw = _ui.RawUI;
        var line = new Line(raw);
        var recalled = _history.Count;
        var draft = string.Empty;
        while (true)
        {
            var key = raw.ReadKey(ReadKeyOptions.NoEcho | ReadKeyOptions.IncludeKeyDown | ReadKeyOptions.AllowCtrlC);
            var control = (key.ControlKeyState & (ControlKeyStates.LeftCtrlPressed | ControlKeyStates.RightCtrlPressed)) != 0;
            switch ((ConsoleKey)key.VirtualKeyCode)
            {
                case ConsoleKey.Enter:
                    line.MoveToEnd();
                    _ui.WriteLine();
                    if (line.Text.Trim().Length > 0 && (_history.Count == 0 || _history[_history.Count - 1] != line.Text))
                        _history.Add(line.Text);
                    return (LineEnd.Entered, line.Text);
                case ConsoleKey.Backspace:
                    line.DeleteBack();
                    continue;
                case ConsoleKey.Delete:
                    line.DeleteAt();
                    continue;
                case ConsoleKey.LeftArrow:
                    line.Move(-1);
                    continue;
                case ConsoleKey.RightArrow:
                    line.Move(+1);
                    continue;
                case ConsoleKey.Home:
                    line.Move(int.MinValue);
                    continue;
                case ConsoleKey.End:
                    line.Move(int.MaxValue);
                    continue;
                case ConsoleKey.Escape:
                    line.Replace(string.Empty);
                    continue;
                case ConsoleKey.UpArrow when recalled > 0:
                    if (recalled == _history.Count)
                        draft = line.Text;
                    line.Replace(_history[--recalled]);
                    continue;
                case ConsoleKey.DownArrow when recalled < _history.Count:
                    recalled++;
                    line.Replace(recalled == _history.Count ? draft : _history[recalled]);
                    continue;
            }
            switch (key.Character)
            {
                case '\u0003':
                    if (line.Text.Length == 0)
                    {
                        _ui.WriteLine();
                        return (LineEnd.Interrupted, string.Empty);
                    }
                    line.Replace(string.Empty);
                    continue;
                case '\u0004' when line.Text.Length == 0:
                    _ui.WriteLine();
                    return (LineEnd.EndOfInput, string.Empty);
                case '\u0001':
                    line.Move(int.MinValue);
                    continue;
                case '\u0005':
                    line.Move(int.MaxValue);
                    continue;
                case '\u0015':
                    line.DeleteToStart();
                    continue;
                case '\u000B':
                    line.DeleteToEnd();
                    continue;
                case '\u0017':
                    line.DeleteWordBack();
                    continue;
            }
            if (!control && key.Character >= ' ' && key.Character != '\u007F')
                line.Insert(key.Character);
        }
    }

    /// <summary>The line being edited and where it stands on the screen: redrawn after each change.</summary>
    private sealed class Line
    {
        private readonly PSHostRawUserInterface _raw;
        private readonly StringBuilder _text = new();
        private Coordinates _start;
        private int _cursor;
        private int _shownCells;

        public Line(PSHostRawUserInterface raw)
        {
            _raw = raw;
            _start = raw.CursorPosition;
        }

        public string Text => _text.ToString();

        public void Insert(char c)
        {
            _text.Insert(_cursor++, c);
            Redraw();
        }

        public void DeleteBack()
        {
            if (_cursor == 0)
                return;
            _text.Remove(--_cursor, 1);
            Redraw();
        }

        public void DeleteAt()
        {
            if (_cursor >= _text.Length)
                return;
            _text.Remove(_cursor, 1);
            Redraw();
        }

        public void DeleteToStart()
        {
            _text.Remove(0, _cursor);
            _cursor = 0;
            Redraw();
        }

        public void DeleteToEnd()
        {
            _text.Length = _cursor;
            Redraw();
        }

        public void DeleteWordBack()
        {
            var from = _cursor;
            while (from > 0 && _text[from - 1] == ' ')
                from--;
            while (from > 0 && _text[from - 1] != ' ')
                from--;
            _text.Remove(from, _cursor - from);
            _cursor = from;
            Redraw();
        }

        public void Move(int by)
        {
            _cursor = (int)Math.Max(0, Math.Min(_text.Length, (long)_cursor + by));
            _raw.CursorPosition = At(Cells(0, _cursor));
        }

        public void MoveToEnd() => Move(int.MaxValue);

        public void Replace(string text)
        {
            _text.Clear().Append(text);
            _cursor = _text.Length;
            Redraw();
        }

        /// <summary>Writes the line again from its start, blanks what the last drawing had beyond it, and puts the cursor back.</summary>
        private void Redraw()
        {
            var cells = Cells(0, _text.Length);
            var blank = Math.Max(0, _shownCells - cells);
            _raw.CursorPosition = _start;
            // Straight to the console, not through the host: a transcript records what was said, not every keystroke's redraw.
            Console.Write(_text + new string(' ', blank));
            // Writing past the buffer's last row scrolled it (on Unix the buffer is the window): the line's start moved up.
            var width = Math.Max(1, _raw.BufferSize.Width);
            var overflow = _start.Y + (_start.X + cells + blank - 1) / width - (_raw.BufferSize.Height - 1);
            if (cells + blank > 0 && overflow > 0)
                _start = new Coordinates(_start.X, _start.Y - overflow);
            _shownCells = cells;
            _raw.CursorPosition = At(Cells(0, _cursor));
        }

        private Coordinates At(int cells)
        {
            var width = Math.Max(1, _raw.BufferSize.Width);
            var x = _start.X + cells;
            return new Coordinates(x % width, _start.Y + x / width);
        }

        private int Cells(int from, int to)
        {
            var cells = 0;
            for (var i = from; i < to; i++)
                cells += CellWidth(_text[i]);
            return cells;
        }

        /// <summary>Two cells for the wide characters of East Asian scripts, one for the rest.</summary>
        private static int CellWidth(char c) =>
            c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3' or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6' ? 2 : 1;
    }
}
