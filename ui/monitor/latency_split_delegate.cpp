#include "latency_split_delegate.h"

#include "access_log_model.h"

#include <QPainter>

namespace gw::ui {

void LatencySplitDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // The figure on the left, the bar after it: gateway time in blue, integration time in green.
    QStyleOptionViewItem text = option;
    const int figure = option.fontMetrics.horizontalAdvance(QStringLiteral("00000 ms")) + 6;
    text.rect.setWidth(figure);
    text.displayAlignment = Qt::AlignRight | Qt::AlignVCenter;
    QStyledItemDelegate::paint(painter, text, index);
    const double overhead = index.data(AccessLogModel::OverheadFractionRole).toDouble();
    const QRect bar = option.rect.adjusted(figure + 6, option.rect.height() / 3, -4, -option.rect.height() / 3);
    if (bar.width() < 4)
        return;
    const int gatewayWidth = std::max(1, int(bar.width() * overhead));
    painter->save();
    painter->fillRect(QRect(bar.left(), bar.top(), gatewayWidth, bar.height()), QColor(0x1f, 0x6f, 0xeb));
    painter->fillRect(QRect(bar.left() + gatewayWidth, bar.top(), bar.width() - gatewayWidth, bar.height()), QColor(0xa5, 0xd6, 0xa7));
    painter->restore();
}

} // namespace gw::ui
