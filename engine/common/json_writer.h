#pragma once
// Writes JSON text straight into a byte buffer. The hot paths (Lambda events, access-log lines)
// build their JSON here instead of through a DOM: one buffer, no tree, no per-node allocation.
#include <QByteArray>

#include <string>
#include <string_view>

namespace gw {

// Appends text as the inside of a JSON string: quotes, backslashes and control characters
// escaped, and invalid UTF-8 replaced by U+FFFD, so the output always parses (clients send bytes,
// Lambda payloads must be UTF-8).
void appendJsonStringContent(QByteArray &out, std::string_view text);

// text with invalid UTF-8 sequences replaced by U+FFFD (the same rule as appendJsonStringContent).
std::string validUtf8(std::string_view text);

class JsonWriter {
public:
    explicit JsonWriter(QByteArray &out) : m_out(out) {}

    JsonWriter &beginObject() { return open('{'); }
    JsonWriter &endObject() { return close('}'); }
    JsonWriter &beginArray() { return open('['); }
    JsonWriter &endArray() { return close(']'); }
    JsonWriter &key(std::string_view name);

    JsonWriter &string(std::string_view text);
    JsonWriter &string(const QByteArray &text) { return string(std::string_view(text.constData(), size_t(text.size()))); }
    JsonWriter &string(const std::string &text) { return string(std::string_view(text)); }
    JsonWriter &string(const char *text) { return string(std::string_view(text)); }
    JsonWriter &number(qint64 value);
    JsonWriter &boolean(bool value);
    JsonWriter &null();
    // A value that is JSON text already (one the caller built or checked).
    JsonWriter &raw(QByteArrayView json) { return literal(json); }

    // key(name) followed by a value, the common case.
    template <typename T> JsonWriter &field(std::string_view name, const T &text) { return key(name).string(text); }

private:
    void separate();
    JsonWriter &open(char bracket);
    JsonWriter &close(char bracket);
    JsonWriter &literal(QByteArrayView text); // a value written as is

    QByteArray &m_out;
    bool m_needComma = false;
    bool m_afterKey = false;
};

} // namespace gw
