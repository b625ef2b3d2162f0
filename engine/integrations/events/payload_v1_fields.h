#pragma once
// What payload 1.0 events of HTTP APIs and REST APIs write the same way: headers grouped by name
// and written as "headers" (the last value) and "multiValueHeaders", and the query string as
// "queryStringParameters" and "multiValueQueryStringParameters" (both null when there is none).
#include "../../common/http_message.h"
#include "../../common/json_writer.h"

#include <QHash>

#include <vector>

namespace gw {

// Headers with the same name (after nameOf; compared without case when foldCase) grouped, in
// first-seen order; a group keeps its first spelling.
struct HeaderGroup {
    QByteArray name;
    std::vector<QByteArray> values;
};

template <typename NameOf>
std::vector<HeaderGroup> groupHeaders(const std::vector<HttpHeader> &headers, NameOf nameOf, bool foldCase)
{
    std::vector<HeaderGroup> groups;
    groups.reserve(headers.size());
    QHash<QByteArray, size_t> index; // only for many headers: a linear search is faster for a few
    const bool indexed = headers.size() > 24;
    const Qt::CaseSensitivity sensitivity = foldCase ? Qt::CaseInsensitive : Qt::CaseSensitive;
    for (const HttpHeader &h : headers) {
        QByteArray name = nameOf(h.name);
        if (name.isNull())
            continue; // nameOf leaves this header out
        HeaderGroup *group = nullptr;
        if (indexed) {
            const QByteArray key = foldCase ? name.toLower() : name;
            if (auto it = index.constFind(key); it != index.cend())
                group = &groups[*it];
            else
                index.insert(key, groups.size());
        } else {
            for (HeaderGroup &g : groups)
                if (g.name.size() == name.size() && g.name.compare(name, sensitivity) == 0) {
                    group = &g;
                    break;
                }
        }
        if (!group)
            group = &groups.emplace_back(HeaderGroup{std::move(name), {}});
        group->values.push_back(h.value);
    }
    return groups;
}

void writeV1Headers(JsonWriter &w, const std::vector<HeaderGroup> &headers);
// The last value of a name in "queryStringParameters" (recorded: V1_SimpleGetRequestHttpV1).
void writeV1Query(JsonWriter &w, const QByteArray &rawQuery);

} // namespace gw
