#pragma once
// Draws Latency as a bar split into gateway overhead and integration time.
#include <QStyledItemDelegate>

namespace gw::ui {

class LatencySplitDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace gw::ui
