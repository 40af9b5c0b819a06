using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink.Testing;

/// <summary>Answers every request with the given body, as an event stream, without a network: a stream's parse measured alone. Shared by the benchmarks.</summary>
internal sealed class ReplayHandler : HttpMessageHandler
{
    private readonly Func<Stream> _body;

    public ReplayHandler(Func<Stream> body) => _body = body;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new StreamContent(_body());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
