#include "exchange_capture.h"

namespace gw {

qint64 ExchangeCapture::bytes() const
{
    qint64 total = 0;
    for (const CapturedMessage *m : {&request, &integrationRequest, &integrationResponse, &response}) {
        total += m->body.size() + m->startLine.size();
        for (const HttpHeader &h : m->headers)
            total += h.name.size() + h.value.size();
    }
    return total;
}

} // namespace gw
