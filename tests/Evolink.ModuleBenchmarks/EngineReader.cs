using System;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.ModuleBenchmarks;

/// <summary>
/// The module's own engine, found in the Evolink.Core that PowerShell loaded
/// with the module, called from here as the floor is: one client made before
/// the clock starts, then one streamed reply read and assembled per read.
/// Through a script each read would also pay for the script and a new client.
/// </summary>
internal sealed class EngineReader
{
    private readonly object _client;
    private readonly MethodInfo _for;
    private readonly MethodInfo _user;
    private readonly Type _messageType;
    private readonly MethodInfo _stream;
    private readonly MethodInfo _toResponse;
    private readonly PropertyInfo _text;

    public EngineReader(Uri baseUri, string key, HttpMessageHandler? handler = null)
    {
        var core = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "Evolink.Core");
        Type Named(string name) => core.GetType(name, throwOnError: true)!;
        var apiKey = Named("Evolink.Credentials.EvolinkApiKey").GetMethod("FromText")!.Invoke(null, new object[] { key })!;
        var optionsType = Named("Evolink.Configuration.EvolinkClientOptions");
        var options = Activator.CreateInstance(optionsType, apiKey)!;
        optionsType.GetProperty("BaseUri")!.SetValue(options, baseUri);
        optionsType.GetProperty("Handler")!.SetValue(options, handler);
        var clientType = Named("Evolink.EvolinkClient");
        _client = Activator.CreateInstance(clientType, options)!;
        _messageType = Named("Evolink.Chat.ChatMessage");
        _user = _messageType.GetMethod("User", new[] { typeof(string) })!;
        _for = Named("Evolink.Chat.ChatRequests").GetMethod("For")!;
        _stream = clientType.GetMethod("StreamAsync")!;
        _toResponse = _stream.ReturnType.GetMethod("ToResponseAsync", new[] { typeof(CancellationToken) })!;
        _text = Named("Evolink.Chat.ChatResponse").GetProperty("Text")!;
    }

    /// <summary>Streams one reply and assembles it; the length of its text.</summary>
    public int Read(string model)
    {
        var messages = Array.CreateInstance(_messageType, 1);
        messages.SetValue(_user.Invoke(null, new object[] { "go" }), 0);
        var request = _for.Invoke(null, new object?[] { model, null, messages });
        var stream = _stream.Invoke(_client, new[] { request, CancellationToken.None })!;
        var response = (Task)_toResponse.Invoke(stream, new object[] { CancellationToken.None })!;
        response.GetAwaiter().GetResult();
        var text = (string)_text.GetValue(response.GetType().GetProperty("Result")!.GetValue(response))!;
        return text.Length;
    }
}
