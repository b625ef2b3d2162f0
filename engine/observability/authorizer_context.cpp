#include "authorizer_context.h"

#include "../common/json_writer.h"

#include <nlohmann/json.hpp>

namespace gw {

bool AuthorizerContext::add(QByteArray key, const QByteArray &jsonValue)
{
    const nlohmann::json value = nlohmann::json::parse(jsonValue.constData(), jsonValue.constData() + jsonValue.size(), nullptr, false);
    if (value.is_discarded() || !(value.is_string() || value.is_number() || value.is_boolean()))
        return false;
    const QByteArray json = QByteArray::fromStdString(value.dump());
    context.push_back({std::move(key), json, value.is_string() ? QByteArray::fromStdString(value.get<std::string>()) : json});
    return true;
}

QByteArray AuthorizerContext::toJson() const
{
    QByteArray out;
    JsonWriter w(out);
    w.beginObject();
    w.field("principalId", principalId);
    for (const Entry &entry : context)
        w.key(std::string_view(entry.key.constData(), size_t(entry.key.size()))).raw(entry.json);
    w.endObject();
    return out;
}

} // namespace gw
