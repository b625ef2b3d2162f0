#pragma once
// The handler source of a function, in a code editor with Python/JavaScript highlighting.
#include <QWidget>

class QLabel;
class QsciScintilla;

namespace gw::ui {

class CodeEditor : public QWidget {
    Q_OBJECT
public:
    explicit CodeEditor(QWidget *parent = nullptr);
    // Opens codeDir/<module>.py|.js|.mjs|.cjs for a handler "module.function".
    void openHandler(const QString &codeDir, const QString &runtime, const QString &handler);
    bool save(QString *error);
    QString filePath() const { return m_path; }

signals:
    void saved(const QString &path);

private:
    QString m_path;
    QLabel *m_label;
    QsciScintilla *m_editor;
};

} // namespace gw::ui
