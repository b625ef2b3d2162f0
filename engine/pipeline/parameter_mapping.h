#pragma once
// HTTP API parameter mapping (http-api-parameter-mapping.html): requestParameters change what an
// integration receives (headers, query string, path), responseParameters change the integration's
// answer per status code (headers, status code). Compiled once from the project; applying one is
// a walk over prepared parts.
#include "../api/integration_backend.h"
#include "../common/http_message.h"
#include "../model/project.h"

#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace gw {

class RequestContext;

// A mapping value: static text with $request.*, $response.*, $context.*, $stageVariables.*
// references, bare ($request.header.x) or braced (${request.header.x}).
class MappingValue {
public:
    enum class Side { Request, Response };
    // Unknown references make `error` non-empty (the checker reports it; serving treats them as empty).
    MappingValue(const std::string &text, Side side, QString *error);
    QByteArray evaluate(const RequestContext &ctx, const HttpResponse *response) const;

    enum class Source : quint8 {
        Literal, RequestHeader, RequestQuery, RequestBody, RequestBodyPath, RequestPath, RequestPathParameter,
        Context, StageVariable, ResponseHeader, ResponseBody, ResponseBodyPath,
    };
    struct Part {
        Source source = Source::Literal;
        QByteArray text;                  // the literal, or the name (header, query, variable)
        std::vector<std::string> path;    // JSON path steps for *BodyPath ("[0]" for an index)
    };

private:
    std::vector<Part> m_parts;
};

enum class MappingAction : quint8 { Append, Overwrite, Remove }; // as MappingKey::Action

class RequestParameterMapping {
public:
    // Keys: append|overwrite|remove:header.NAME, append|overwrite|remove:querystring.NAME, overwrite:path.
    RequestParameterMapping(const StringMap &parameters, QStringList *errors);
    bool isEmpty() const { return m_ops.empty(); }
    // Changes an HTTP integration's request: its headers and its target (path and query).
    void apply(const RequestContext &ctx, IntegrationRequest &request) const;

private:
    enum class Target : quint8 { Header, Query, Path };
    struct Op {
        MappingAction action;
        Target target;
        QByteArray name;
        MappingValue value;
    };
    std::vector<Op> m_ops;
};

class ResponseParameterMapping {
public:
    // Per status code ("200", "404"): append|overwrite|remove:header.NAME and overwrite:statuscode.
    ResponseParameterMapping(const std::map<std::string, StringMap> &byStatus, QStringList *errors);
    bool isEmpty() const { return m_byStatus.empty(); }
    void apply(const RequestContext &ctx, HttpResponse &response) const;

private:
    struct Op {
        MappingAction action;
        bool statusCode = false; // overwrite:statuscode
        QByteArray header;
        MappingValue value;
    };
    std::vector<std::pair<int, std::vector<Op>>> m_byStatus;
};

} // namespace gw
