#pragma once
#include "model/project.h"

#include <QWidget>
#include <functional>

class QLabel;
class QsciScintilla;
class QTimer;

namespace gw::ui {

// A part of an item as JSON, applied at each pause in typing (and only when it parses), with
// the reason shown under it when it is refused.
class PartJsonEdit : public QWidget {
    Q_OBJECT
public:
    using Apply = std::function<bool(const Json &, QString *)>;
    PartJsonEdit(Apply apply, QWidget *parent = nullptr);
    void setJson(const Json &json); // no apply for text set here; kept while it is being typed
    QString text() const;
    void setText(const QString &text); // as typed by a user: applied after the pause
    QString problem() const;
    void applyNow();

private:
    Apply m_apply;
    QsciScintilla *m_edit;
    QLabel *m_problem;
    QTimer *m_pause;
    bool m_setting = false;
};

} // namespace gw::ui
