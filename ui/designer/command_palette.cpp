#include "command_palette.h"

#include "project_tree_model.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

#include <functional>

namespace gw::ui {

CommandPalette::CommandPalette(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("commandPalette"));
    setWindowTitle(tr("Go to item"));
    auto *layout = new QVBoxLayout(this);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Type a route, integration, function or stage…"));
    m_list = new QListWidget(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    resize(520, 360);
    connect(m_filter, &QLineEdit::textChanged, this, &CommandPalette::setFilter);
    connect(m_list, &QListWidget::itemActivated, this, [this] { accept(); });
    m_filter->installEventFilter(this); // arrows move in the list while typing
}

void CommandPalette::populate(const QAbstractItemModel *explorer)
{
    m_list->clear();
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int r = 0; r < explorer->rowCount(parent); ++r) {
            const QModelIndex index = explorer->index(r, 0, parent);
            const ItemId id = index.data(ProjectTreeModel::ItemIdRole).value<quint64>();
            if (id != kNoItem) {
                auto *item = new QListWidgetItem(QStringLiteral("%1   ·  %2").arg(index.data(ProjectTreeModel::NameRole).toString(),
                                                                                 index.data(ProjectTreeModel::KindRole).toString()),
                                                 m_list);
                item->setData(Qt::UserRole, QVariant::fromValue<quint64>(id));
            }
            walk(index);
        }
    };
    walk({});
    m_filter->clear();
    setFilter(QString());
    m_filter->setFocus();
}

void CommandPalette::setFilter(const QString &text)
{
    // Every word typed must appear (in any order): "get orders" finds "GET /orders/{orderId}".
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QListWidgetItem *first = nullptr;
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const bool match = std::all_of(words.begin(), words.end(),
                                       [&](const QString &w) { return item->text().contains(w, Qt::CaseInsensitive); });
        item->setHidden(!match);
        if (match && !first)
            first = item;
    }
    m_list->setCurrentItem(first);
}

int CommandPalette::matchCount() const
{
    int n = 0;
    for (int i = 0; i < m_list->count(); ++i)
        n += m_list->item(i)->isHidden() ? 0 : 1;
    return n;
}

ItemId CommandPalette::chosen() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item && !item->isHidden() ? item->data(Qt::UserRole).value<quint64>() : kNoItem;
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            accept();
            return true;
        }
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            int row = m_list->currentRow();
            const int step = key == Qt::Key_Down ? 1 : -1;
            for (int r = row + step; r >= 0 && r < m_list->count(); r += step)
                if (!m_list->item(r)->isHidden()) {
                    m_list->setCurrentRow(r);
                    break;
                }
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void CommandPalette::accept()
{
    const ItemId id = chosen();
    QDialog::accept();
    if (id != kNoItem)
        emit itemChosen(id);
}

} // namespace gw::ui
