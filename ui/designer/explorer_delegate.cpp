#include "explorer_delegate.h"

#include "project_tree_model.h"

#include <QApplication>
#include <QPainter>

namespace gw::ui {

QColor ExplorerDelegate::colorOf(const QString &badge)
{
    // The colours API tools use for methods (GET green, POST orange, PUT blue, DELETE red).
    static const QHash<QString, QColor> colors = {
        {QStringLiteral("GET"), QColor(0x2e, 0x7d, 0x32)},    {QStringLiteral("POST"), QColor(0xe6, 0x51, 0x00)},
        {QStringLiteral("PUT"), QColor(0x15, 0x65, 0xc0)},    {QStringLiteral("PATCH"), QColor(0x6a, 0x1b, 0x9a)},
        {QStringLiteral("DELETE"), QColor(0xc6, 0x28, 0x28)}, {QStringLiteral("HEAD"), QColor(0x45, 0x5a, 0x64)},
        {QStringLiteral("OPTIONS"), QColor(0x45, 0x5a, 0x64)}, {QStringLiteral("ANY"), QColor(0x37, 0x47, 0x4f)},
        {QStringLiteral("python3"), QColor(0x30, 0x69, 0x98)}, {QStringLiteral("nodejs"), QColor(0x3c, 0x87, 0x3a)},
        {QStringLiteral("command"), QColor(0x5d, 0x40, 0x37)},
    };
    return colors.value(badge, QColor(0x54, 0x6e, 0x7a));
}

QString ExplorerDelegate::badgeText(const QString &badge)
{
    if (badge == QLatin1String("python3"))
        return QStringLiteral("py");
    if (badge == QLatin1String("nodejs"))
        return QStringLiteral("js");
    if (badge == QLatin1String("command"))
        return QStringLiteral("sh");
    if (badge == QLatin1String("DELETE"))
        return QStringLiteral("DEL");
    if (badge == QLatin1String("OPTIONS"))
        return QStringLiteral("OPT");
    return badge;
}

QSize ExplorerDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QString badge = index.data(ProjectTreeModel::BadgeRole).toString();
    if (index.column() == 0 && !badge.isEmpty())
        size.rwidth() += option.fontMetrics.horizontalAdvance(QStringLiteral("DEL ")) + 12;
    return size;
}

void ExplorerDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString badge = index.data(ProjectTreeModel::BadgeRole).toString();
    const QString chip = index.data(ProjectTreeModel::ChipRole).toString();
    const QString kind = index.data(ProjectTreeModel::KindRole).toString();
    const bool drawBadge = index.column() == 0 && !badge.isEmpty();
    const bool drawChip = index.column() == 1 && !chip.isEmpty() && kind == QLatin1String("route");
    if (!drawBadge && !drawChip) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString label = opt.text;
    opt.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget); // background, selection
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont small = opt.font;
    small.setBold(true);
    small.setPointSizeF(small.pointSizeF() * 0.8);
    const QFontMetrics fm(small);
    const QRect text = QApplication::style()->subElementRect(QStyle::SE_ItemViewItemText, &opt, opt.widget);
    int x = text.left() + 2;
    const QColor textColor = opt.palette.color(opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text);
    if (drawBadge) {
        const QString shown = badgeText(badge);
        const int width = qMax(fm.horizontalAdvance(QStringLiteral("DEL")), fm.horizontalAdvance(shown)) + 8;
        const QRect pill(x, text.center().y() - fm.height() / 2, width, fm.height());
        painter->setPen(Qt::NoPen);
        painter->setBrush(colorOf(badge));
        painter->drawRoundedRect(pill, 3, 3);
        painter->setPen(Qt::white);
        painter->setFont(small);
        painter->drawText(pill, Qt::AlignCenter, shown);
        x = pill.right() + 6;
        if (label != badge) { // a route's own label is its method: the badge says it
            painter->setFont(opt.font);
            painter->setPen(textColor);
            painter->drawText(QRect(x, text.top(), text.right() - x, text.height()), Qt::AlignVCenter | Qt::AlignLeft,
                              opt.fontMetrics.elidedText(label, Qt::ElideRight, text.right() - x));
        }
    } else {
        const QString shown = QStringLiteral("→ ") + chip;
        const QRect pill(x, text.center().y() - fm.height() / 2 - 1,
                         qMin(fm.horizontalAdvance(shown) + 10, text.width() - 4), fm.height() + 2);
        QColor fill = opt.palette.color(QPalette::Highlight);
        fill.setAlpha(40);
        painter->setPen(QPen(opt.palette.color(QPalette::Mid)));
        painter->setBrush(fill);
        painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
        painter->setPen(textColor);
        painter->setFont(small);
        painter->drawText(pill, Qt::AlignCenter, fm.elidedText(shown, Qt::ElideRight, pill.width() - 8));
    }
    painter->restore();
}

} // namespace gw::ui
