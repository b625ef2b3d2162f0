#pragma once
// A problem in a project file: where (file, line/column and JSON pointer) and what. A check
// reports every problem it finds, errors and warnings; the first error comes first.
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace gw {

struct ProjectError {
    enum class Severity { Error, Warning };
    QString file;
    int line = 0;   // 1-based; 0 when unknown
    int column = 0;
    std::string pointer; // RFC 6901 JSON pointer into the document, "" for the root
    std::string message;
    Severity severity = Severity::Error;
    // The file's other problems (set on the first one returned by a check), in document order.
    std::vector<ProjectError> more;

    QString toString() const; // "file:line:column: message" (this problem only)
    // Every problem, one line each: this one, then `more`.
    QStringList allProblems() const;
    bool isWarning() const { return severity == Severity::Warning; }
};

using ProjectProblems = std::vector<ProjectError>;

} // namespace gw
