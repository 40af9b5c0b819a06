using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace Evolink.Terminal.Tests;

/// <summary>
/// A real terminal with real pwsh in it: a tmux server of its own (its own socket,
/// no user configuration) running one pane. Keys are sent as a person types them,
/// and the screen is read back as tmux's terminal emulator has drawn it, so cursor
/// moves, erasures and colours count the way they do for a person. Ctrl+C goes
/// through the terminal's line discipline: SIGINT to the foreground process, unless
/// the program reads it as a key (PSReadLine at its prompt does).
/// Why tmux: it is a terminal emulator with a screen to read back, in Debian's
/// packages; a pseudo-terminal of our own would give bytes, not a screen.
/// </summary>
public sealed class Terminal : IDisposable
{
    public const int Width = 100;
    public const int Height = 40;
    public const string Prompt = "PS> ";

    private readonly string _socket = "evolink-" + Guid.NewGuid().ToString("N")[..12];
    private string _lastLine = string.Empty;

    private Terminal()
    {
    }

    /// <summary>Starts pwsh in a new terminal with <paramref name="environment"/>, runs <paramref name="setup"/> and waits for its prompt.</summary>
    public static Terminal StartPwsh(string pwshDll, IReadOnlyDictionary<string, string> environment, string setup = "")
    {
        var terminal = new Terminal();
        var arguments = new List<string> { "-f", "/dev/null", "new-session", "-d", "-x", Width.ToString(), "-y", Height.ToString() };
        foreach (var (name, value) in environment)
            arguments.AddRange(new[] { "-e", $"{name}={value}" });
        // A short, fixed prompt to wait for; everything else is pwsh as a user starts it.
        var command = $"function prompt {{ '{Prompt}' }}; {setup}";
        arguments.Add(Quote("dotnet") + " " + Quote(pwshDll) + " -NoProfile -NoLogo -NoExit -Command " + Quote(command));
        terminal.Tmux(arguments.ToArray());
        terminal.Tmux("set-option", "-g", "history-limit", "5000");
        // A program may set the clipboard (OSC 52) and the title here, so a test can see whether one tried and succeeded.
        terminal.Tmux("set-option", "-g", "set-clipboard", "on");
        terminal.Tmux("set-option", "-g", "allow-rename", "on");
        terminal.WaitFor(screen => screen.TrimEnd().EndsWith(Prompt.TrimEnd(), StringComparison.Ordinal), "pwsh's first prompt", TimeSpan.FromSeconds(30));
        return terminal;
    }

    /// <summary>Types text as it is, key by key (no key names are interpreted).</summary>
    public void Type(string text) => Tmux("send-keys", "-t", "0", "-l", text);

    /// <summary>Presses named keys: Enter, Tab, Up, C-c, C-d, Escape, …</summary>
    public void Press(params string[] keys) => Tmux(new[] { "send-keys", "-t", "0" }.Concat(keys).ToArray());

    /// <summary>Types a line and presses Enter.</summary>
    public void Enter(string line)
    {
        _lastLine = line;
        Type(line);
        Press("Enter");
    }

    /// <summary>The screen as a person sees it: the visible lines, trailing blanks trimmed.</summary>
    public string Screen() => string.Join("\n", Tmux("capture-pane", "-p", "-t", "0").Split('\n').Select(l => l.TrimEnd())).TrimEnd();

    /// <summary>The screen with its colours, as SGR sequences tmux re-creates from what it drew.</summary>
    public string ScreenWithColours() => Tmux("capture-pane", "-p", "-e", "-t", "0").TrimEnd();

    /// <summary>Everything written since the terminal started, scrolled-off lines included.</summary>
    public string History() => string.Join("\n", Tmux("capture-pane", "-p", "-S", "-", "-t", "0").Split('\n').Select(l => l.TrimEnd())).TrimEnd();

    /// <summary>The pane's title, as a program may set it (OSC 0 and 2).</summary>
    public string Title() => Tmux("display-message", "-p", "-t", "0", "#{pane_title}").TrimEnd('\n');

    /// <summary>What a program put in the clipboard (OSC 52 makes a paste buffer here); empty when nothing did.</summary>
    public string Clipboard() => Tmux("list-buffers", "-F", "#{buffer_sample}").Trim();

    /// <summary>Waits for the screen to show what <paramref name="ready"/> looks for; a timeout fails the test with the screen as it was.</summary>
    public string WaitFor(Func<string, bool> ready, string what, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        var wait = limit ?? TimeSpan.FromSeconds(15);
        while (true)
        {
            var screen = Screen();
            if (ready(screen))
                return screen;
            if (clock.Elapsed > wait)
                throw new TimeoutException($"Waited {wait.TotalSeconds:0.#} s for {what}. The screen:\n{screen}");
            Thread.Sleep(50);
        }
    }

    /// <summary>Waits until the screen's last line is the prompt again (the command ended).</summary>
    public string WaitForPrompt(TimeSpan? limit = null) =>
        WaitFor(screen => screen.Split('\n').Last().TrimEnd() == Prompt.TrimEnd(), "the prompt", limit);

    /// <summary>Types a command line, presses Enter and waits for pwsh's next prompt; returns everything on the screen since the start.</summary>
    public string Run(string line, TimeSpan? limit = null)
    {
        var prompts = Prompts();
        Enter(line);
        var clock = Stopwatch.StartNew();
        var wait = limit ?? TimeSpan.FromSeconds(15);
        while (!(Prompts() > prompts && Screen().Split('\n').Last().TrimEnd() == Prompt.TrimEnd()))
        {
            if (clock.Elapsed > wait)
                throw new TimeoutException($"'{line}' did not end within {wait.TotalSeconds:0.#} s. The screen:\n{Screen()}");
            Thread.Sleep(50);
        }
        return History();
    }

    /// <summary>
    /// The lines the screen shows below the last command typed with <see cref="Enter"/> (which may wrap
    /// over several lines), up to the next prompt if there is one.
    /// </summary>
    public string[] Output()
    {
        var lines = Screen().Split('\n');
        var typed = Prompt + _lastLine;
        var rows = (typed.Length + Width - 1) / Width;
        var at = Array.FindLastIndex(lines, l => l.Length > Prompt.Length && l.StartsWith(Prompt, StringComparison.Ordinal) && typed.StartsWith(l, StringComparison.Ordinal));
        var output = at < 0 ? lines : lines.Skip(at + rows).ToArray();
        return output.Length > 0 && output[^1] == Prompt.TrimEnd() ? output[..^1] : output;
    }

    private int Prompts() => History().Split('\n').Count(l => l.StartsWith(Prompt.TrimEnd(), StringComparison.Ordinal));

    /// <summary>Waits until the text appears <paramref name="times"/> times on the screen.</summary>
    public string WaitForText(string text, int times = 1, TimeSpan? limit = null) =>
        WaitFor(screen => Occurrences(screen, text) >= times, $"'{text}' on the screen", limit);

    public static int Occurrences(string screen, string text)
    {
        var count = 0;
        for (var at = screen.IndexOf(text, StringComparison.Ordinal); at >= 0; at = screen.IndexOf(text, at + text.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    private string Tmux(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("The terminal tests need tmux (Debian: apt-get install tmux); .ci/run installs it.", ex);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(10_000))
            {
                process.Kill();
                throw new TimeoutException($"tmux {string.Join(' ', arguments)} did not answer within 10 s.");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} failed: {error.Result}");
            return output.Result;
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";

    public void Dispose()
    {
        try
        {
            // Ends the pane's processes too (SIGHUP), so no pwsh outlives its test.
            Tmux("kill-server");
        }
        catch (InvalidOperationException)
        {
        }
    }
}
