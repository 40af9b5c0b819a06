using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Evolink.Configuration;
using Evolink.Credentials;
using Evolink.Errors;
using Evolink.Replay;

namespace Evolink.Transport;

/// <summary>
/// Sends one logical request to the gateway: retries what may be retried
/// (with one idempotency key, so a retry is never charged twice), falls back
/// to the documented second host, and turns every failure into an
/// <see cref="EvolinkException"/>. Returns only replies with a success
/// status, headers read and body not yet consumed.
/// </summary>
internal sealed class GatewayTransport
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private readonly EvolinkClientOptions _options;
    private readonly HttpClient _http;

    private readonly ResponseStore? _recorded;

    /// <param name="recorded">The client's one store of recorded answers (-Replay), shared by its transports to every host.</param>
    public GatewayTransport(EvolinkClientOptions options, HttpClient http, ResponseStore? recorded)
    {
        _options = options;
        _http = http;
        _recorded = recorded;
    }

    /// <param name="idempotencyKey">The caller's key for a POST (a journaled run names its requests); a new one when null.</param>
    /// <param name="body">The request's body: JSON, unless <paramref name="bodyType"/> says otherwise.</param>
    /// <param name="bodyType">The body's media type when it is not JSON (a multipart upload, boundary included).</param>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string apiPath, byte[]? body, CancellationToken cancellationToken,
        string accept = "application/json", string? idempotencyKey = null, string? bodyType = null) =>
        _recorded is null
            ? SendToGatewayAsync(method, apiPath, body, cancellationToken, accept, idempotencyKey, bodyType)
            : _recorded.SendAsync(method, apiPath, body, () => SendToGatewayAsync(method, apiPath, body, cancellationToken, accept, idempotencyKey, bodyType),
                response => ReadAllAsync(response, _options, cancellationToken), bodyType is null ? null : RequestLog.Summary(body, bodyType));

    private async Task<HttpResponseMessage> SendToGatewayAsync(HttpMethod method, string apiPath, byte[]? body, CancellationToken cancellationToken,
        string accept, string? idempotencyKey, string? bodyType)
    {
        if (method == HttpMethod.Post)
            idempotencyKey ??= "evolink-" + Guid.NewGuid().ToString("N");
        else
            idempotencyKey = null;
        var baseUri = _options.BaseUri;
        var retries = 0;
        while (true)
        {
            var backoff = SharedBackoff.For(baseUri);
            await backoff.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await SendOnceAsync(baseUri, method, apiPath, body, bodyType, accept, idempotencyKey, cancellationToken).ConfigureAwait(false);
            }
            catch (EvolinkException error) when (!cancellationToken.IsCancellationRequested)
            {
                error.Attempts = retries + 1;
                if (ShouldFallBack(baseUri, error))
                {
                    _options.Log?.Invoke($"The gateway at {baseUri.Host} failed ({Reason(error)}); trying the fallback host {_options.FallbackBaseUri!.Host}.");
                    baseUri = _options.FallbackBaseUri!;
                    continue;
                }
                var delay = _options.Retry.DelayBefore(++retries, error);
                if (delay is null)
                {
                    if (error is EvolinkApiException { RetryAfter: { } asked } && asked > _options.Retry.MaximumRetryDelay && retries <= _options.Retry.MaximumRetryCount)
                        error.Note = $"The gateway asked to wait {asked.TotalSeconds:0} s before trying again, longer than the {_options.Retry.MaximumRetryDelay.TotalSeconds:0} s this client waits; try again after that.";
                    throw;
                }
                if (error.Kind == EvolinkErrorKind.RateLimited)
                    backoff.PauseFor(delay.Value);
                _options.Log?.Invoke($"Retry {retries} of {_options.Retry.MaximumRetryCount} in {delay.Value.TotalSeconds:0.##} s after {Reason(error)}.");
                await Task.Delay(delay.Value, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private bool ShouldFallBack(Uri current, EvolinkException error) =>
        _options.FallbackBaseUri is { } fallback && current != fallback && (error switch
        {
            EvolinkApiException api => api.StatusCode is 502 or 503 or 504,
            _ => error.Kind is EvolinkErrorKind.Network or EvolinkErrorKind.Timeout,
        });

    private static string Reason(EvolinkException error) => error is EvolinkApiException api
        ? $"HTTP {api.StatusCode}{(api.ErrorCode is null ? string.Empty : " " + api.ErrorCode)}"
        : error.Kind.ToString().ToLowerInvariant() + " error";

    private async Task<HttpResponseMessage> SendOnceAsync(Uri baseUri, HttpMethod method, string apiPath, byte[]? body, string? bodyType, string accept, string? idempotencyKey, CancellationToken cancellationToken)
    {
        GatewayEndpoint.EnsureSafe(baseUri, _options.AllowUnencryptedAuthentication);
        using var request = new HttpRequestMessage(method, GatewayEndpoint.Combine(baseUri, apiPath));
#if NET
        // HTTP/2 where the server offers it (ALPN over TLS), HTTP/1.1 otherwise, unless the caller asked for a version.
        request.Version = _options.Network.HttpVersion ?? System.Net.HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
#else
        if (_options.Network.HttpVersion is { } version)
            request.Version = version;
#endif
        request.Headers.Accept.ParseAdd(accept);
        if (idempotencyKey is not null)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = bodyType is null ? JsonMediaType : MediaTypeHeaderValue.Parse(bodyType);
        }
        _options.LogDebug?.Invoke(RequestLog.Describe(request, body, bodyType));
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
                $"The gateway at {baseUri.Host} sent no reply within {_options.ConnectionTimeout!.Value.TotalSeconds:0.###} s.",
                remedy: EvolinkRemedy.ConnectionTimeout);
        }
        catch (HttpRequestException ex)
        {
            throw new EvolinkException(EvolinkErrorKind.Network,
                Sentences.Join($"Could not reach the gateway at {baseUri.Host}: {ex.GetBaseException().Message}", "Check the network and the base URI"), ex);
        }

        if (response.IsSuccessStatusCode)
            return response;
        using (response)
        {
            if ((int)response.StatusCode is >= 300 and <= 399)
                throw Redirected(response, baseUri);
            throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private EvolinkException Redirected(HttpResponseMessage response, Uri baseUri)
    {
        var location = _options.Redactor.Redact(response.Headers.Location?.ToString()) ?? "(no Location)";
        return new EvolinkException(EvolinkErrorKind.InvalidResponse,
            $"The gateway at {baseUri.Host} answered HTTP {(int)response.StatusCode}, a redirect to {location}. Redirects are not followed, " +
            "so the request and the key stay with the host you chose. If the gateway has moved, set the base URI to its new address.")
        {
            RequestId = ReplyHeaders.RequestId(response, _options.Redactor),
        };
    }

    public static string TooLargeMessage(long limit) =>
        $"The reply passed {limit / (1024 * 1024)} MB, the most this client accepts; the rest was not read.";

    private async Task<EvolinkApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var requestId = ReplyHeaders.RequestId(response, _options.Redactor);
        // Only the start of an error body is read: its message is there, and the rest is not worth any memory.
        var body = await ReadPrefixAsync(response, ErrorBodyReader.MaximumBytes, _options, cancellationToken).ConfigureAwait(false);
        var error = ErrorBodyReader.Read(body, _options.Redactor);
        var status = (int)response.StatusCode;
        return new EvolinkApiException(status, error, requestId, ErrorMessages.ForStatus(status, error, requestId ?? error.RequestId))
        {
            RetryAfter = ReplyHeaders.RetryAfter(response, DateTimeOffset.UtcNow),
        };
    }

    /// <summary>Up to <paramref name="limit"/> bytes of a body; nothing on failure (the caller is reporting an error already).</summary>
    private static async Task<byte[]> ReadPrefixAsync(HttpResponseMessage response, int limit, EvolinkClientOptions options, CancellationToken cancellationToken)
    {
        try
        {
            using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var watchdog = new StreamWatchdog(options.OperationTimeout, cancellationToken, body);
            var buffer = new byte[limit];
            var filled = 0;
            while (filled < limit)
            {
                watchdog.Arm();
                var read = await body.ReadAsync(buffer, filled, limit - filled, watchdog.Token).ConfigureAwait(false);
                watchdog.Disarm();
                if (read == 0)
                    break;
                filled += read;
            }
            Array.Resize(ref buffer, filled);
            return buffer;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return Array.Empty<byte>();
        }
    }

    /// <summary>
    /// Reads a whole body, at most MaxReplyBytes of it. Silence longer than
    /// the operation timeout is a timeout; a connection that breaks meanwhile
    /// is a network error.
    /// </summary>
    public static async Task<byte[]> ReadAllAsync(HttpResponseMessage response, EvolinkClientOptions options, CancellationToken cancellationToken)
    {
        var body = new BoundedStream(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), options.MaxReplyBytes);
        using var watchdog = new StreamWatchdog(options.OperationTimeout, cancellationToken, body);
        try
        {
            var reply = new ReplyBuffer(response.Content.Headers.ContentLength);
            while (true)
            {
                var free = reply.Free();
                var reading = body.ReadAsync(free.Array!, free.Offset, free.Count, watchdog.Token);
                // Silence is only watched for while a read waits: a reply already received is read with no timer set.
                if (!reading.IsCompleted)
                    watchdog.Arm();
                var read = await reading.ConfigureAwait(false);
                watchdog.Disarm();
                if (read == 0)
                    return reply.ToArray();
                reply.Took(read);
            }
        }
        catch (ReplyTooLargeException tooLarge)
        {
            throw new EvolinkException(EvolinkErrorKind.InvalidResponse, TooLargeMessage(tooLarge.Limit), tooLarge, EvolinkRemedy.ReplySizeLimit)
            {
                RequestId = ReplyHeaders.RequestId(response, options.Redactor),
            };
        }
        catch (Exception) when (watchdog.TimedOut)
        {
            throw new EvolinkException(EvolinkErrorKind.Timeout,
                $"The reply's body stopped arriving for {watchdog.IdleLimit!.Value.TotalSeconds:0.###} s.",
                remedy: EvolinkRemedy.OperationTimeout)
            {
                RequestId = ReplyHeaders.RequestId(response, options.Redactor),
            };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException)
        {
            throw new EvolinkException(EvolinkErrorKind.Network,
                Sentences.Join($"The connection broke while the reply was being read: {ex.GetBaseException().Message}", "Try again"), ex)
            {
                RequestId = ReplyHeaders.RequestId(response, options.Redactor),
            };
        }
        finally
        {
            body.Dispose();
        }
    }
}
