#include "http_proxy_integration.h"

#include "../net/http_client.h"
#include "backend_uri_template.h"
#include "../observability/monotonic_clock.h"
#include "lambda_event_builder.h"

namespace gw {

namespace {

bool isHopByHop(const QByteArray &name)
{
    static const QByteArrayView kHop[] = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
                                          "te", "trailer", "transfer-encoding", "upgrade", "content-length", "host",
                                          "forwarded", "x-forwarded-for", "x-forwarded-port", "x-forwarded-proto",
                                          // the gateway read the whole body already: a backend's
                                          // 100 Continue would be taken for its answer
                                          "expect"};
    for (QByteArrayView hop : kHop)
        if (hop.size() == name.size() && qstrnicmp(hop.data(), hop.size(), name.constData(), name.size()) == 0)
            return true;
    return false;
}

} // namespace

QByteArray backendUrlFor(const RequestContext &ctx, const BackendUriTemplate &backend)
{
    const std::string &routeKey = ctx.route ? ctx.route->routeKey : std::string();
    QByteArray path = backend.path(ctx.pathParameters, routeKey);
    if (routeKey == "$default") {
        // "$default ... API Gateway sends the full request path to the integration".
        if (path.endsWith('/'))
            path.chop(1);
        path += ctx.pathWithoutStage;
    }
    if (path.isEmpty())
        path = "/";
    QByteArray query = backend.query();
    const QByteArray clientQuery = ctx.request().rawQuery();
    if (!clientQuery.isEmpty())
        query = query.isEmpty() ? clientQuery : query + '&' + clientQuery;
    return query.isEmpty() ? path : path + '?' + query;
}

StageResult HttpProxyIntegration::start(const RequestContextPtr &ctx)
{
    const auto backend = BackendUriTemplate::forUri(ctx->integration->uri.value_or(std::string()));
    if (!backend->isValid()) {
        ctx->replyGateway(GatewayResponseType::IntegrationFailure, "integration_config_error", backend->error());
        return StageResult::Reply;
    }
    HttpClientRequest request;
    request.host = backend->host();
    request.port = backend->port();
    request.method = ctx->integration->method == "ANY" ? ctx->request().method
                                                        : QByteArray::fromStdString(ctx->integration->method);
    request.target = backendUrlFor(*ctx, *backend);
    request.hostHeader = backend->hostHeader();
    request.connectionKey = backend->connectionKey();
    request.timeoutMs = ctx->integration->timeoutInMillis;
    if (backend->isTls()) {
        request.tls.enabled = true;
        if (const auto &tls = ctx->integration->tlsConfig) {
            request.tls.serverName = QByteArray::fromStdString(tls->serverNameToVerify.value_or(std::string()));
            request.tls.skipIssuerVerification = tls->insecureSkipVerification;
        }
    }
    for (const HttpHeader &h : headersAsIntegrationSees(*ctx))
        if (!isHopByHop(h.name) || h.name.startsWith("X-Forwarded"))
            request.headers.push_back(h);
    // HTTP APIs tell the backend about the client with the standard Forwarded header (RFC 7239).
    QByteArray forwarded;
    appendAll(forwarded, {"by=127.0.0.1;for=", ctx->log.sourceIp, ";host=", ctx->request().header("host"), ";proto=http"});
    request.headers.push_back({QByteArrayLiteral("Forwarded"), std::move(forwarded)});
    request.body = ctx->request().body;

    ctx->integrationStartNs = monotonicNowNs();
    HttpClientPool::forCurrentThread()->send(std::move(request), [ctx](HttpClientResult result) {
        ctx->integrationEndNs = monotonicNowNs();
        switch (result.outcome) {
        case HttpClientResult::Outcome::Response: {
            HttpResponse response;
            response.status = result.status;
            for (HttpHeader &h : result.headers)
                if (!isHopByHop(h.name))
                    response.headers.push_back(std::move(h));
            response.body = std::move(result.body);
            ctx->log.integrationStatus = result.status;
            ctx->log.integrationResponseStatus = result.status;
            ctx->reply(std::move(response), "ok");
            break;
        }
        case HttpClientResult::Outcome::Timeout:
            ctx->integrationEndNs = 0; // the service logs no integration latency for a timeout
            ctx->replyGateway(GatewayResponseType::IntegrationTimeout, "integration_timeout",
                              QStringLiteral("Integration timed out after %1 ms").arg(ctx->integration->timeoutInMillis));
            break;
        default:
            ctx->replyGateway(GatewayResponseType::IntegrationFailure, "integration_unreachable",
                              QStringLiteral("Could not reach the integration endpoint: %1").arg(result.error));
            break;
        }
        ctx->resume();
    });
    return StageResult::Pending;
}

} // namespace gw
