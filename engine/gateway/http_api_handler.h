#pragma once
// Entry point of an HTTP API's listener: builds the request context and runs the pipeline.
#include "../net/http_exchange.h"
#include "../pipeline/pipeline.h"

#include <atomic>
#include <memory>

namespace gw {

class ConfigHolder;
class AccessLogSink;

class HttpApiHandler : public HttpHandler {
public:
    HttpApiHandler(std::string apiKey, const ConfigHolder *config, AccessLogSink *sink);
    void handle(const HttpExchangePtr &exchange) override;
    void protocolError(const HttpRequest &partial, int status) override;

private:
    std::string m_apiKey; // the API's "id" in the project
    const ConfigHolder *m_config;
    AccessLogSink *m_sink;
};

// The current configuration snapshot; swapped atomically, read lock-free by every request.
class ConfigHolder {
public:
    std::shared_ptr<const GatewayConfig> load() const { return m_config.load(std::memory_order_acquire); }
    void store(std::shared_ptr<const GatewayConfig> config) { m_config.store(std::move(config), std::memory_order_release); }

private:
    std::atomic<std::shared_ptr<const GatewayConfig>> m_config;
};

} // namespace gw
