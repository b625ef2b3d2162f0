#pragma once
// Appending to byte buffers on hot paths. QByteArray's own append goes through its generic
// insert for every piece (a check, a possible reallocation, a memmove of nothing); on the proxy
// path that was a tenth of the CPU.
#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>
#include <initializer_list>
#include <string>

namespace gw {

// Appends all pieces with at most one growth of out.
void appendAll(QByteArray &out, std::initializer_list<QByteArrayView> pieces);
// The decimal digits of value, written into buffer (at least 21 chars); a view into it.
QByteArrayView decimal(qint64 value, char *buffer);
// The UTF-8 bytes of one code point.
void appendUtf8(std::string &out, uint32_t code);

} // namespace gw
