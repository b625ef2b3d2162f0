#include "code_editor.h"

#include <QDir>
#include <QFile>
#include <QFileSystemModel>
#include <QHBoxLayout>
#include <QRegularExpression>
#include <QTreeView>
#include <QLabel>
#include <QPushButton>
#include "common/atomic_file.h"
#include <QVBoxLayout>
#include <Qsci/qscilexerjavascript.h>
#include <Qsci/qscilexerpython.h>
#include <Qsci/qsciscintilla.h>

namespace gw::ui {

CodeEditor::CodeEditor(QWidget *parent) : QWidget(parent)
{
    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    // The function's code folder beside the editor: any file of it opens here.
    m_files = new QFileSystemModel(this);
    m_files->setFilter(QDir::AllDirs | QDir::Files | QDir::NoDotAndDotDot);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("codeFiles"));
    m_tree->setModel(m_files);
    for (int column = 1; column < m_files->columnCount(); ++column)
        m_tree->hideColumn(column);
    m_tree->setHeaderHidden(true);
    m_tree->setMaximumWidth(220);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (!m_files->isDir(index))
            emit openRequested(m_files->filePath(index));
    });
    outer->addWidget(m_tree);
    auto *layout = new QVBoxLayout;
    outer->addLayout(layout, 1);
    m_label = new QLabel(this);
    layout->addWidget(m_label);
    m_editor = new QsciScintilla(this);
    m_editor->setMarginLineNumbers(0, true);
    m_editor->setMarginWidth(0, QStringLiteral("00000"));
    m_editor->setAutoIndent(true);
    m_editor->setObjectName(QStringLiteral("code"));
    layout->addWidget(m_editor, 1);
    connect(m_editor, &QsciScintilla::modificationChanged, this, &CodeEditor::modificationChanged);
    auto *saveButton = new QPushButton(tr("Save code"), this);
    connect(saveButton, &QPushButton::clicked, this, [this] {
        QString error;
        if (!save(&error))
            m_label->setText(tr("Cannot save: %1").arg(error));
    });
    layout->addWidget(saveButton, 0, Qt::AlignRight);
}

QString CodeEditor::sourceOf(const QString &codeDir, const QString &runtime, const QString &handler)
{
    const QString module = handler.left(handler.lastIndexOf(QLatin1Char('.'))).replace(QLatin1Char('.'), QLatin1Char('/'));
    const QStringList suffixes = runtime == QLatin1String("python3") ? QStringList{QStringLiteral(".py")}
                                                                     : QStringList{QStringLiteral(".js"), QStringLiteral(".mjs"), QStringLiteral(".cjs")};
    for (const QString &suffix : suffixes) {
        const QString candidate = QDir(codeDir).absoluteFilePath(module + suffix);
        if (QFile::exists(candidate))
            return candidate;
    }
    return {};
}

void CodeEditor::openHandler(const QString &codeDir, const QString &runtime, const QString &handler)
{
    m_runtime = runtime;
    m_tree->setRootIndex(m_files->setRootPath(codeDir));
    const QString path = sourceOf(codeDir, runtime, handler);
    if (path.isEmpty()) {
        m_path.clear();
        m_label->setText(tr("No source file for handler %1 in %2").arg(handler, codeDir));
        m_editor->setText(QString());
        m_editor->setModified(false);
        return;
    }
    openFile(path);
    // At the handler's definition, as an IDE opens a symbol.
    const QString name = handler.mid(handler.lastIndexOf(QLatin1Char('.')) + 1);
    const QRegularExpression definition(
        runtime == QLatin1String("python3")
            ? QStringLiteral("^(?:async\\s+)?def\\s+%1\\s*\\(").arg(QRegularExpression::escape(name))
            : QStringLiteral("(?:exports\\.%1\\s*=|export\\s+(?:async\\s+)?(?:function|const)\\s+%1\\b)").arg(QRegularExpression::escape(name)),
        QRegularExpression::MultilineOption);
    const QString text = m_editor->text();
    const auto match = definition.match(text);
    m_handlerLine = match.hasMatch() ? int(text.left(match.capturedStart()).count(QLatin1Char('\n'))) : 0;
    m_editor->setCursorPosition(m_handlerLine, 0);
    m_editor->ensureLineVisible(m_handlerLine);
}

void CodeEditor::openFile(const QString &path)
{
    m_path = path;
    const bool python = path.endsWith(QLatin1String(".py"));
    const bool script = python || path.endsWith(QLatin1String(".js")) || path.endsWith(QLatin1String(".mjs")) ||
                        path.endsWith(QLatin1String(".cjs")) || path.endsWith(QLatin1String(".ts"));
    if (python)
        m_editor->setLexer(new QsciLexerPython(m_editor));
    else if (script)
        m_editor->setLexer(new QsciLexerJavaScript(m_editor));
    else
        m_editor->setLexer(nullptr);
    QFile file(m_path);
    file.open(QIODevice::ReadOnly);
    m_editor->setText(QString::fromUtf8(file.readAll()));
    m_editor->setModified(false);
    m_handlerLine = 0;
    m_label->setText(m_path);
    m_tree->setCurrentIndex(m_files->index(path));
}

int CodeEditor::cursorLine() const
{
    int line = 0, index = 0;
    m_editor->getCursorPosition(&line, &index);
    return line;
}

bool CodeEditor::isModified() const
{
    return m_editor->isModified();
}

bool CodeEditor::save(QString *error)
{
    if (m_path.isEmpty()) {
        *error = tr("no file");
        return false;
    }
    const QString failure = writeFileAtomically(m_path, m_editor->text().toUtf8());
    if (!failure.isEmpty()) {
        *error = failure;
        return false;
    }
    m_editor->setModified(false);
    emit saved(m_path);
    return true;
}

} // namespace gw::ui
