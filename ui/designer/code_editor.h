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
    // The file openHandler would open ("" when there is none).
    static QString sourceOf(const QString &codeDir, const QString &runtime, const QString &handler);
    bool save(QString *error);
    QString filePath() const { return m_path; }
    // Edited since opened or saved: opening another file would drop the edits.
    bool isModified() const;

signals:
    void saved(const QString &path);
    void modificationChanged(bool modified);

private:
    QString m_path;
    QLabel *m_label;
    QsciScintilla *m_editor;
};

} // namespace gw::ui
