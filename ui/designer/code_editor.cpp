#include "code_editor.h"

#include <QDir>
#include <QFile>
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
    auto *layout = new QVBoxLayout(this);
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
    m_path = sourceOf(codeDir, runtime, handler);
    if (runtime == QLatin1String("python3"))
        m_editor->setLexer(new QsciLexerPython(m_editor));
    else
        m_editor->setLexer(new QsciLexerJavaScript(m_editor));
    if (m_path.isEmpty()) {
        m_label->setText(tr("No source file for handler %1 in %2").arg(handler, codeDir));
        m_editor->setText(QString());
        m_editor->setModified(false);
        return;
    }
    QFile file(m_path);
    file.open(QIODevice::ReadOnly);
    m_editor->setText(QString::fromUtf8(file.readAll()));
    m_editor->setModified(false);
    m_label->setText(m_path);
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
