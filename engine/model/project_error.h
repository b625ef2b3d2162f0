#pragma once
// Why a project file could not be used: where (file, line/column or JSON pointer) and what.
#include <QString>
#include <string>

namespace gw {

struct ProjectError {
    QString file;
    int line = 0;   // 1-based; 0 when the error is about content, not syntax
    int column = 0;
    std::string pointer; // RFC 6901 JSON pointer into the document, "" for the root
    std::string message;

    QString toString() const;
};

} // namespace gw
