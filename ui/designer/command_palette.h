#pragma once
// Ctrl+K: jump to any item by typing part of its name (routes, integrations, functions, stages…).
#include "model/item_id.h"

#include <QDialog>

class QAbstractItemModel;
class QLineEdit;
class QListWidget;

namespace gw::ui {

class CommandPalette : public QDialog {
    Q_OBJECT
public:
    explicit CommandPalette(QWidget *parent = nullptr);
    // Lists every item of the explorer's model; the first match is selected.
    void populate(const QAbstractItemModel *explorer);
    void setFilter(const QString &text);
    int matchCount() const;
    // The item chosen (the selected row), or kNoItem.
    ItemId chosen() const;

signals:
    void itemChosen(gw::ItemId item);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void accept() override;
    QLineEdit *m_filter;
    QListWidget *m_list;
};

} // namespace gw::ui
