using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Libraries.Mcp;

/// <summary>
/// An endpoint's replies with no line past a size, as <see cref="BoundedLineStream"/> bounds a process's output: a
/// JSON reply or a line of an event stream that runs on without end ends the session instead of this process's memory.
/// </summary>
internal sealed class BoundedResponses : DelegatingHandler
{
    private readonly long _maximumLineBytes;

    public BoundedResponses(HttpMessageHandler inner, long maximumLineBytes) : base(inner) => _maximumLineBytes = maximumLineBytes;

    /// <summary>Set once a reply went past the limit.</summary>
    public bool Exceeded { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var original = response.Content;
        var bounded = new BoundedLineStream(await original.ReadAsStreamAsync().ConfigureAwait(false), _maximumLineBytes, () => Exceeded = true);
        var content = new StreamContent(bounded);
        foreach (var header in original.Headers)
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = content;
        return response;
    }
}
