using System;
using System.Linq;
using System.Management.Automation;
using System.Text;

namespace Evolink.Commands;

/// <summary>Enter-EvolinkChat's console: reading what the user types, and the /commands.</summary>
public sealed partial class EnterEvolinkChatCommand
{
    private const string Block = "\"\"\"";

    private const string Help =
        "/model [id]      show or change the model\n" +
        "/system [text]   show, set or (with 'off') clear the system prompt\n" +
        "/image <path>    attach an image (file or https URL) to the next message\n" +
        "/retry           send the last message again (after a cancelled or failed reply, or for another answer)\n" +
        "/undo            take back the last message and its reply\n" +
        "/clear           start over (the system prompt stays)\n" +
        "/save <file>     save the conversation (Import-EvolinkConversation reads it)\n" +
        "/load <file>     go on from a saved conversation\n" +
        "/tokens          tokens used in this chat\n" +
        "/help            this list\n" +
        "/exit            leave (also /quit, or an empty line at a \"\"\" block's end and Ctrl+D where the host has it)";

    /// <summary>One message: a line, lines joined by a trailing \, or a """ block; null when the input ends.</summary>
    private string? ReadInput()
    {
        var line = ReadLine("you> ");
        if (line is null)
            return null;
        if (line.Trim() == Block)
        {
            var block = new StringBuilder();
            while (ReadLine("...> ") is { } next && next.Trim() != Block)
                block.Append(next).Append('\n');
            return block.ToString().TrimEnd('\n');
        }
        var text = new StringBuilder();
        while (line.EndsWith("\\", StringComparison.Ordinal))
        {
            text.Append(line, 0, line.Length - 1).Append('\n');
            line = ReadLine("...> ") ?? string.Empty;
        }
        return text.Append(line).ToString();
    }

    private string? ReadLine(string prompt)
    {
        try
        {
            Host.UI.Write(prompt);
            return Host.UI.ReadLine();
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or System.Management.Automation.Host.HostException or NotImplementedException)
        {
            ThrowEvolinkError(new EvolinkException(EvolinkErrorKind.InvalidInput,
                "Enter-EvolinkChat needs an interactive console to read from, and this session is not interactive. " +
                "In scripts and CI use Invoke-EvolinkChat; to go on from a conversation there, pipe it: $reply | Invoke-EvolinkChat 'next question'."), null);
            return null;
        }
    }

    /// <summary>Runs one /command; false when the chat should end.</summary>
    private bool Command(string input)
    {
        var space = input.IndexOf(' ');
        var name = (space < 0 ? input : input.Substring(0, space)).ToLowerInvariant();
        var argument = space < 0 ? string.Empty : input.Substring(space + 1).Trim();
        switch (name)
        {
            case "/exit" or "/quit":
                return false;
            case "/help":
                Say(Help);
                break;
            case "/model":
                if (argument.Length > 0)
                    _model = argument;
                Say($"model: {_model}");
                break;
            case "/system":
                _system = argument.Length == 0 ? _system : argument == "off" ? null : argument;
                Say(_system is null ? "no system prompt" : $"system prompt: {_system}");
                break;
            case "/image" when argument.Length > 0:
                _images.Add(argument.Trim('\'', '"'));
                Say($"{_images.Count} image(s) will go with the next message");
                break;
            case "/retry":
                Retry();
                break;
            case "/undo":
                Undo();
                break;
            case "/clear":
                _messages.Clear();
                Say("conversation cleared");
                break;
            case "/save" when argument.Length > 0:
                Save(argument.Trim('\'', '"'));
                break;
            case "/load" when argument.Length > 0:
                Load(argument.Trim('\'', '"'));
                break;
            case "/tokens":
                Say($"{_usage.Requests} replies: {_usage.PromptTokens} prompt + {_usage.CompletionTokens} completion = {_usage.TotalTokens} tokens");
                break;
            default:
                SayError($"'{input}' is not a command here, or it needs an argument. /help lists them.");
                break;
        }
        return true;
    }

    /// <summary>Sends the last message again in its place: what came after it goes.</summary>
    private void Retry()
    {
        if (TakeBackLast() is { } last)
            Send(last);
        else
            SayError("There is no message to send again.");
    }

    private void Undo()
    {
        if (TakeBackLast() is null)
            SayError("There is nothing to take back.");
        else
            Say("took back the last message and its reply");
    }

    /// <summary>Removes the last message and everything after it (its reply, tool calls); null when there is none.</summary>
    private ChatMessage? TakeBackLast()
    {
        var at = _messages.FindLastIndex(m => m.Role == ChatRole.User);
        if (at < 0)
            return null;
        var last = _messages[at];
        _messages.RemoveRange(at, _messages.Count - at);
        return last;
    }

    private void Save(string path)
    {
        try
        {
            var full = ResolvePath(path);
            ConversationFile.Save(new Conversation { Model = _model, Messages = WithSystem().ToList() }, full);
            Say($"saved {_messages.Count} messages to {full}");
        }
        catch (Exception ex) when (ex is EvolinkException or System.IO.IOException or UnauthorizedAccessException)
        {
            SayError(ex is EvolinkException e ? Advice.Worded(e).Message : ex.Message);
        }
    }

    private void Load(string path)
    {
        try
        {
            var loaded = ConversationFile.Load(ResolvePath(path));
            _messages.Clear();
            _messages.AddRange(loaded.Messages.Where(m => m.Role != ChatRole.System));
            _system = loaded.Messages.FirstOrDefault(m => m.Role == ChatRole.System)?.Content?.ToString() ?? _system;
            _model = loaded.Model ?? _model;
            Say($"loaded {_messages.Count} messages; model: {_model}");
        }
        catch (EvolinkException ex)
        {
            SayError(Advice.Worded(ex).Message);
        }
    }

    /// <summary>A line from the chat itself (not the model), in a colour of its own where the host has colours.</summary>
    private void Say(string text)
    {
        try
        {
            Host.UI.WriteLine(ConsoleColor.DarkCyan, Host.UI.RawUI.BackgroundColor, text);
        }
        catch (Exception ex) when (ex is NotImplementedException or System.Management.Automation.Host.HostException or NotSupportedException)
        {
            Host.UI.WriteLine(text);
        }
    }

    private void SayError(string text) => Host.UI.WriteErrorLine(text);
}
