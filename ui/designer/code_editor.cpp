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
    layout->addWidget(m_editor, 1);
    auto *saveButton = new QPushButton(tr("Save code"), this);
    connect(saveButton, &QPushButton::clicked, this, [this] {
        QString error;
        if (!save(&error))
            m_label->setText(tr("Cannot save: %1").arg(error));
    });
    layout->addWidget(saveButton, 0, Qt::AlignRight);
}

void CodeEditor::openHandler(const QString &codeDir, const QString &runtime, const QString &handler)
{
    const QString module = handler.left(handler.lastIndexOf(QLatin1Char('.'))).replace(QLatin1Char('.'), QLatin1Char('/'));
    const QStringList suffixes = runtime == QLatin1String("python3") ? QStringList{QStringLiteral(".py")}
                                                                     : QStringList{QStringLiteral(".js"), QStringLiteral(".mjs"), QStringLiteral(".cjs")};
    m_path.clear();
    for (const QString &suffix : suffixes) {
        const QString candidate = QDir(codeDir).absoluteFilePath(module + suffix);
        if (QFile::exists(candidate)) {
            m_path = candidate;
            break;
        }
    }
    if (runtime == QLatin1String("python3"))
        m_editor->setLexer(new QsciLexerPython(m_editor));
    else
        m_editor->setLexer(new QsciLexerJavaScript(m_editor));
    if (m_path.isEmpty()) {
        m_label->setText(tr("No source file for handler %1 in %2").arg(handler, codeDir));
        m_editor->setText(QString());
        return;
    }
    QFile file(m_path);
    file.open(QIODevice::ReadOnly);
    m_editor->setText(QString::fromUtf8(file.readAll()));
    m_label->setText(m_path);
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
    emit saved(m_path);
    return true;
}

} // namespace gw::ui
