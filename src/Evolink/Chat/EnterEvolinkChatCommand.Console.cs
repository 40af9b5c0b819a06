using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Evolink.Chat;
using Evolink.Chat.Input;
using Evolink.Errors;

namespace Evolink.Commands;

/// <summary>Enter-EvolinkChat's console: reading what the person types, and the /commands.</summary>
public sealed partial class EnterEvolinkChatCommand
{
    private const string Block = "\"\"\"";

    private const string Help =
        "Commands (anything else is sent as a message):\n" +
        "  /model [id]           show the model, or change it; /model alone also lists the models this key may use\n" +
        "  /system [text | off]  show, set or clear the system prompt\n" +
        "  /image <path | url>   attach an image to the next message; /image alone lists them, /image off drops them\n" +
        "  /retry                send again the message that got no answer, or ask again for the last one\n" +
        "  /undo                 take back the last message and its reply\n" +
        "  /clear                start over (the system prompt stays)\n" +
        "  /save <file>          save the conversation (Import-EvolinkConversation reads it)\n" +
        "  /load <file>          go on from a saved conversation\n" +
        "  /tokens               tokens used in this chat\n" +
        "  /help                 this list\n" +
        "  /exit                 leave (also /quit, Ctrl+C at an empty prompt, or Ctrl+D)\n" +
        "Keys: Up and Down recall earlier lines; Ctrl+C clears a line, or cancels a reply as it arrives.";

    private LineEditor? _editor;
    private IReadOnlyList<string>? _models;

    /// <summary>One message: a line, lines joined by a trailing \, or a """ block; null when the person leaves.</summary>
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

    /// <summary>A line after the prompt: edited key by key at a console, through the host elsewhere; null to leave.</summary>
    private string? ReadLine(string prompt)
    {
        try
        {
            Label(prompt, ConsoleColor.Green);
            if (LineEditor.Usable(Host))
            {
                var (end, text) = (_editor ??= new LineEditor(Host.UI)).ReadLine();
                return end == LineEnd.Entered ? text : null;
            }
            return Host.UI.ReadLine();
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or System.Management.Automation.Host.HostException or NotImplementedException)
        {
            ThrowEvolinkError(NotInteractive(), null);
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
                ChangeModel(argument);
                break;
            case "/system":
                _system = argument.Length == 0 ? _system : argument == "off" ? null : argument;
                Say(_system is null ? "no system prompt" : $"system prompt: {_system}");
                break;
            case "/image":
                AttachImage(argument.Trim('\'', '"'));
                break;
            case "/retry":
                Retry();
                break;
            case "/undo":
                Undo();
                break;
            case "/clear":
                _messages.Clear();
                _unanswered = null;
                Say("conversation cleared" + DropImages());
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

    /// <summary>/model alone shows the model and the ones this key may use; /model id changes it, warning when the key's list lacks it.</summary>
    private void ChangeModel(string model)
    {
        var known = Models();
        if (model.Length == 0)
        {
            Say($"model: {_model}" + (known is null ? string.Empty : "\nthis key may use: " + string.Join(", ", known)));
            return;
        }
        _model = model;
        Say($"model: {_model}");
        if (known is not null && !known.Contains(model, StringComparer.OrdinalIgnoreCase))
            SayError($"'{model}' is not among the models this key may use ({string.Join(", ", known.Take(8))}{(known.Count > 8 ? ", …" : string.Empty)}); it is tried anyway, new models appear often.");
    }

    /// <summary>The models this key may use, asked once per chat; null when the gateway would not say.</summary>
    private IReadOnlyList<string>? Models()
    {
        if (_models is not null)
            return _models;
        try
        {
            var list = Await(token => Client!.ListModelsAsync(token));
            return _models = list.Data.Select(m => m.Id).OrderBy(id => id, StringComparer.Ordinal).ToList();
        }
        catch (EvolinkException)
        {
            return null;
        }
    }

    /// <summary>Attaches an image once it is known to be one; /image alone lists them and /image off drops them.</summary>
    private void AttachImage(string image)
    {
        if (image.Length == 0)
        {
            Say(_images.Count == 0 ? "no images attached" : "attached to the next message: " + string.Join(", ", _images));
            return;
        }
        if (image is "off" or "clear" or "none")
        {
            Say("no images attached" + DropImages());
            return;
        }
        try
        {
            MessageBuilder.Build(ChatRole.User, "check", new[] { image }, null, resolvePath: ResolvePath);
        }
        catch (EvolinkException ex)
        {
            SayError(Advice.Worded(ex).Message + " The image was not attached.");
            return;
        }
        _images.Add(image);
        Say($"{_images.Count} image(s) will go with the next message (/image off drops them)");
    }

    private string DropImages()
    {
        var dropped = _images.Count;
        _images.Clear();
        return dropped == 0 ? string.Empty : $"; {dropped} attached image(s) dropped";
    }

    /// <summary>Sends again the message that got no answer; after an answered one, takes it back and asks again.</summary>
    private void Retry()
    {
        if (_unanswered is { } unanswered)
            Send(unanswered);
        else if (TakeBackLast() is { } last)
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
            var saved = WithSystem().ToList();
            ConversationFile.Save(new Conversation { Model = _model, Messages = saved }, full);
            Say($"saved {saved.Count} message(s), {Turns(saved)} turn(s), to {full}");
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
            _unanswered = null;
            Say($"loaded {_messages.Count} message(s), {Turns(_messages)} turn(s); model: {_model}" + DropImages());
        }
        catch (EvolinkException ex)
        {
            SayError(Advice.Worded(ex).Message);
        }
    }

    /// <summary>A line from the chat itself (not the model), in a colour of its own where colours are on.</summary>
    private void Say(string text) => Coloured(ScreenText.Safe(text) + "\n", ConsoleColor.DarkCyan);

    private void SayError(string text) => Host.UI.WriteErrorLine(ScreenText.Safe(text));

    /// <summary>Who speaks next, before their words: "you> " and "model> ".</summary>
    private void Label(string label, ConsoleColor colour) => Coloured(ScreenText.OneLine(label), colour);

    private void Coloured(string text, ConsoleColor colour)
    {
        if (!HostStyle.Colours(this))
        {
            Host.UI.Write(text);
            return;
        }
        try
        {
            Host.UI.Write(colour, Host.UI.RawUI.BackgroundColor, text);
        }
        catch (Exception ex) when (ex is NotImplementedException or System.Management.Automation.Host.HostException or NotSupportedException)
        {
            Host.UI.Write(text);
        }
    }
}
