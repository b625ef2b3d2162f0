#include "query_string.h"

#include "json_writer.h"
#include "percent_encoding.h"

#include <QList>

#include <map>

namespace gw {

QueryParameters parseQueryString(const QByteArray &raw)
{
    QueryParameters out;
    if (raw.isEmpty())
        return out;
    std::map<std::string, size_t> index;
    for (const QByteArray &pair : raw.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        std::string name = validUtf8(percentDecode(eq < 0 ? pair : pair.left(eq), true));
        std::string value = eq < 0 ? std::string() : percentDecode(pair.mid(eq + 1), true);
        auto it = index.find(name);
        if (it == index.end()) {
            index.emplace(name, out.size());
            out.push_back({std::move(name), {std::move(value)}});
        } else {
            out[it->second].second.push_back(std::move(value));
        }
    }
    return out;
}

} // namespace gw
