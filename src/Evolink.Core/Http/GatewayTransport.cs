using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Evolink;

/// <summary>
/// Sends one HTTP request to the gateway and turns every way it can fail
/// into an <see cref="EvolinkException"/>. Returns only replies with a
/// success status, headers read and body not yet consumed.
/// </summary>
internal sealed class GatewayTransport
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private readonly EvolinkClientOptions _options;
    private readonly HttpClient _http;

    public GatewayTransport(EvolinkClientOptions options, HttpClient http)
    {
        _options = options;
        _http = http;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string apiPath, byte[]? jsonBody, CancellationToken cancellationToken, string accept = "application/json")
    {
        GatewayEndpoint.EnsureSafe(_options.BaseUri, _options.AllowUnencryptedAuthentication);
        using var request = new HttpRequestMessage(method, GatewayEndpoint.Combine(_options.BaseUri, apiPath));
        request.Headers.Accept.ParseAdd(accept);
        if (jsonBody is not null)
        {
            request.Content = new ByteArrayContent(jsonBody);
            request.Content.Headers.ContentType = JsonMediaType;
        }
        // The key becomes text here and nowhere else.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey.Reveal());

        using var headerDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.ConnectionTimeout is { } limit && limit > TimeSpan.Zero)
            headerDeadline.CancelAfter(limit);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headerDeadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EvolinkException(EvolinkErrorKind.Timeout,
                $"The gateway at {_options.BaseUri.Host} sent no reply within {_options.ConnectionTimeout!.Value.TotalSeconds:0.###} s. " +
                "Try again, or raise -ConnectionTimeoutSeconds.");
        }
        catch (HttpRequestException ex)
        {
            throw new EvolinkException(EvolinkErrorKind.Network,
                $"Could not reach the gateway at {_options.BaseUri.Host}: {ex.GetBaseException().Message} Check the network and the base URI.", ex);
        }

        if (response.IsSuccessStatusCode)
            return response;
        using (response)
            throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<EvolinkApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var requestId = ReplyHeaders.RequestId(response);
        var body = await ReadAllAsync(response, cancellationToken).ConfigureAwait(false);
        var error = ErrorBodyReader.Read(body);
        var status = (int)response.StatusCode;
        return new EvolinkApiException(status, error, requestId, ErrorMessages.ForStatus(status, error, requestId ?? error.RequestId))
        {
            RetryAfter = ReplyHeaders.RetryAfter(response, DateTimeOffset.UtcNow),
        };
    }

    /// <summary>Reads a whole body; a connection that breaks meanwhile is a network error.</summary>
    public static async Task<byte[]> ReadAllAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await body.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new EvolinkException(EvolinkErrorKind.Network,
                $"The connection broke while the reply was being read: {ex.GetBaseException().Message} Try again.", ex)
            {
                RequestId = ReplyHeaders.RequestId(response),
            };
        }
    }
}
