#pragma once
// Events to invoke a function with from its page, shaped as API Gateway sends them (HTTP API
// payload 2.0, REST / payload 1.0), and the handlers a code folder defines.
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace gw::ui {

enum class TestEventKind { HttpApiV2, PayloadV1, Empty };

// A pretty-printed event for METHOD PATH (e.g. "GET", "/orders?status=PENDING").
QByteArray testEvent(TestEventKind kind, const QString &method, const QString &pathAndQuery, const QByteArray &body = {});

// "module.function" for every handler the folder's sources define (Python top-level defs taking
// (event, context); Node.js exports), for the handler picker.
QStringList handlersIn(const QString &codeDir, const QString &runtime);

} // namespace gw::ui
