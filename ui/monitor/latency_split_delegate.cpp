#include "latency_split_delegate.h"

#include "access_log_model.h"

#include <QPainter>

namespace gw::ui {

void LatencySplitDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const double overhead = index.data(AccessLogModel::OverheadFractionRole).toDouble();
    const QRect bar = option.rect.adjusted(4, option.rect.height() / 4, -4, -option.rect.height() / 4);
    const int gatewayWidth = std::max(1, int(bar.width() * overhead));
    painter->save();
    painter->fillRect(QRect(bar.left(), bar.top(), gatewayWidth, bar.height()), QColor(0x1f, 0x6f, 0xeb));
    painter->fillRect(QRect(bar.left() + gatewayWidth, bar.top(), bar.width() - gatewayWidth, bar.height()), QColor(0xa5, 0xd6, 0xa7));
    painter->restore();
}

} // namespace gw::ui
