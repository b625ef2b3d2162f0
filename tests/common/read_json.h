#pragma once
// Reads a JSON file for a test (conformance fixtures may start with a UTF-8 BOM).
#include <QFile>
#include <QString>
#include <nlohmann/json.hpp>

inline nlohmann::json readJsonFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return nlohmann::json();
    QByteArray bytes = file.readAll();
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    return nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size());
}
