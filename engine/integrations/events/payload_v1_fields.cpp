#include "payload_v1_fields.h"

#include "../../common/query_string.h"

namespace gw {

void writeV1Headers(JsonWriter &w, const std::vector<HeaderGroup> &headers)
{
    w.key("headers").beginObject();
    for (const HeaderGroup &group : headers)
        w.field(std::string_view(group.name.constData(), size_t(group.name.size())), group.values.back()); // the last wins
    w.endObject();
    w.key("multiValueHeaders").beginObject();
    for (const HeaderGroup &group : headers) {
        w.key(std::string_view(group.name.constData(), size_t(group.name.size()))).beginArray();
        for (const QByteArray &value : group.values)
            w.string(value);
        w.endArray();
    }
    w.endObject();
}

void writeV1Query(JsonWriter &w, const QByteArray &rawQuery)
{
    const QueryParameters query = parseQueryString(rawQuery);
    if (query.empty()) {
        w.key("queryStringParameters").null();
        w.key("multiValueQueryStringParameters").null();
        return;
    }
    w.key("queryStringParameters").beginObject();
    for (const auto &[name, values] : query)
        w.field(name, values.back());
    w.endObject();
    w.key("multiValueQueryStringParameters").beginObject();
    for (const auto &[name, values] : query) {
        w.key(name).beginArray();
        for (const std::string &value : values)
            w.string(value);
        w.endArray();
    }
    w.endObject();
}

} // namespace gw
