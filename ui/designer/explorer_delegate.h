#pragma once
// Draws the explorer's badges: a route's or method's HTTP method in its colour, a function's
// runtime, and a route's integration as a chip.
#include <QStyledItemDelegate>

namespace gw::ui {

class ExplorerDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // The badge colour of a method ("GET") or runtime ("python3"); legible on light and dark.
    static QColor colorOf(const QString &badge);
    static QString badgeText(const QString &badge);
};

} // namespace gw::ui
