#include "part_json_edit.h"

#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>

namespace gw::ui {

PartJsonEdit::PartJsonEdit(Apply apply, QWidget *parent) : QWidget(parent), m_apply(std::move(apply))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_edit = new QsciScintilla(this);
    m_edit->setLexer(new QsciLexerJSON(m_edit));
    m_edit->setMarginLineNumbers(0, true);
    m_edit->setMarginWidth(0, QStringLiteral("000"));
    m_edit->setTabWidth(2);
    m_edit->setUtf8(true);
    m_edit->setMinimumHeight(110);
    m_edit->setMaximumHeight(170);
    layout->addWidget(m_edit);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c62828"));
    layout->addWidget(m_problem);
    m_pause = new QTimer(this);
    m_pause->setSingleShot(true);
    m_pause->setInterval(700);
    connect(m_edit, &QsciScintilla::textChanged, this, [this] {
        if (!m_setting)
            m_pause->start();
    });
    connect(m_pause, &QTimer::timeout, this, &PartJsonEdit::applyNow);
}

void PartJsonEdit::applyNow()
{
    m_pause->stop();
    const Json parsed = Json::parse(m_edit->text().toStdString(), nullptr, false);
    if (parsed.is_discarded()) {
        m_problem->setText(tr("Not JSON yet: nothing applied"));
        return;
    }
    QString error;
    m_problem->setText(m_apply(parsed, &error) ? QString() : error);
}

void PartJsonEdit::setJson(const Json &json)
{
    if (m_pause->isActive())
        return; // being typed: the user's text stays
    const QString text = QString::fromStdString(json.dump(2));
    const Json shown = Json::parse(m_edit->text().toStdString(), nullptr, false);
    if (!shown.is_discarded() && shown == json)
        return; // the same value: keep the user's layout and cursor
    m_setting = true;
    m_edit->setText(text);
    m_setting = false;
    m_problem->clear();
}

QString PartJsonEdit::text() const
{
    return m_edit->text();
}

void PartJsonEdit::setText(const QString &text)
{
    m_edit->setText(text);
}

QString PartJsonEdit::problem() const
{
    return m_problem->text();
}

} // namespace gw::ui
