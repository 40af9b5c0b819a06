#if NET
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Evolink.Libraries.Mcp;

/// <summary>
/// A server started as a command and spoken to over its standard input and output, as the SDK's stdio transport
/// does, but with every message it sends bounded in size (<see cref="BoundedLineStream"/>) and its standard error
/// read in bounded lines; the SDK's own transport offers no bound on either. The server gets only the environment it
/// is given, and its whole process tree is stopped when the session ends.
/// </summary>
internal sealed class ServerProcessTransport : IClientTransport
{
    private readonly string _command;
    private readonly IReadOnlyList<string> _arguments;
    private readonly string? _workingDirectory;
    private readonly IDictionary<string, string?> _environment;
    private readonly long _maximumMessageBytes;
    private readonly ServerErrorLines _errors;

    public ServerProcessTransport(string name, string command, IReadOnlyList<string> arguments, string? workingDirectory,
        IDictionary<string, string?> environment, long maximumMessageBytes, ServerErrorLines errors)
    {
        Name = name;
        _command = command;
        _arguments = arguments;
        _workingDirectory = workingDirectory;
        _environment = environment;
        _maximumMessageBytes = maximumMessageBytes;
        _errors = errors;
    }

    public string Name { get; }

    private BoundedLineStream? _output;

    /// <summary>Why the session broke, when it was this side that ended it (a message past the limit); else null.</summary>
    public string? Broken => _output is { Exceeded: true } ? $"sent a message longer than {_maximumMessageBytes / (1024 * 1024)} MB, so its session was closed" : null;

    public async Task<ITransport> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            UseShellExecute = false, CreateNoWindow = true,
            WorkingDirectory = _workingDirectory ?? Environment.CurrentDirectory,
        };
        // On Windows a command such as npx is a batch file, which only cmd.exe can start.
        if (OperatingSystem.IsWindows() && !_command.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = "cmd.exe";
            start.ArgumentList.Add("/c");
            start.ArgumentList.Add(_command);
        }
        else
        {
            start.FileName = _command;
        }
        foreach (var argument in _arguments)
            start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var pair in _environment)
            start.Environment[pair.Key] = pair.Value;

        var process = Process.Start(start) ?? throw new IOException($"'{_command}' could not be started");
        var output = _output = new BoundedLineStream(process.StandardOutput.BaseStream, _maximumMessageBytes);
        var errors = Task.Run(() => ReadErrorsAsync(process.StandardError.BaseStream));
        try
        {
            var session = await new StreamClientTransport(process.StandardInput.BaseStream, output).ConnectAsync(cancellationToken).ConfigureAwait(false);
            return new Session(session, process, errors);
        }
        catch
        {
            await Stop(process).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Standard error, kept line by line for messages; a line is cut at 1,000 characters, however long it runs.</summary>
    private async Task ReadErrorsAsync(Stream stream)
    {
        var buffer = new byte[4096];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        var line = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                var count = decoder.GetChars(buffer, 0, read, chars, 0);
                for (var i = 0; i < count; i++)
                {
                    if (chars[i] == '\n')
                    {
                        _errors.Add(line.ToString().TrimEnd('\r'));
                        line.Clear();
                    }
                    else if (line.Length < 1000)
                    {
                        line.Append(chars[i]);
                    }
                }
            }
            if (line.Length > 0)
                _errors.Add(line.ToString());
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The server is gone; what it wrote before is kept.
        }
    }

    private static async Task Stop(Process process)
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
        }
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // It ended on its own meanwhile.
            }
            using var after = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(after.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        process.Dispose();
    }

    /// <summary>The SDK's session over the process's streams; ending it stops the process (and what it started).</summary>
    private sealed class Session : ITransport
    {
        private readonly ITransport _inner;
        private readonly Process _process;
        private readonly Task _errorsRead;

        public Session(ITransport inner, Process process, Task errorsRead)
        {
            _inner = inner;
            _process = process;
            _errorsRead = errorsRead;
        }

        public string? SessionId => _inner.SessionId;

        public ChannelReader<JsonRpcMessage> MessageReader => _inner.MessageReader;

        public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default) => _inner.SendMessageAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await _inner.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                await Stop(_process).ConfigureAwait(false);
                await _errorsRead.ConfigureAwait(false);
            }
        }
    }
}
#endif
