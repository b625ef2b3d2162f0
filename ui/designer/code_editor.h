#pragma once
// The handler source of a function, in a code editor with Python/JavaScript highlighting.
#include <QWidget>

class QFileSystemModel;
class QLabel;
class QTreeView;
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
    // Any file (the folder tree asks for it with openRequested, after unsaved edits are settled).
    void openFile(const QString &path);
    int handlerLine() const { return m_handlerLine; } // 0-based; 0 when not found
    int cursorLine() const;
    bool save(QString *error);
    QString filePath() const { return m_path; }
    // Edited since opened or saved: opening another file would drop the edits.
    bool isModified() const;

signals:
    void saved(const QString &path);
    void modificationChanged(bool modified);
    void openRequested(const QString &path);

private:
    QString m_path;
    QString m_runtime;
    int m_handlerLine = 0;
    QFileSystemModel *m_files;
    QTreeView *m_tree;
    QLabel *m_label;
    QsciScintilla *m_editor;
};

} // namespace gw::ui
