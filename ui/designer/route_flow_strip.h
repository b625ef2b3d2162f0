#pragma once
// A route's path through the gateway, drawn like the console's Method Execution view:
// Client → Route → Authorization → Integration → Function (or backend) → Response. Each box
// that stands for an item goes to it.
#include "model/project.h"

#include <QWidget>

class QToolButton;

namespace gw::ui {

class RouteFlowStrip : public QWidget {
    Q_OBJECT
public:
    explicit RouteFlowStrip(QWidget *parent = nullptr);
    void showRoute(const Project &project, ItemId route);
    // The boxes' texts in order, for tests and screen readers.
    QStringList boxTexts() const;

signals:
    void itemRequested(gw::ItemId item);
    void authorizationRequested();

private:
    QToolButton *box(const QString &name);
    QList<QToolButton *> m_boxes;
    ItemId m_integration = kNoItem;
    ItemId m_function = kNoItem;
};

} // namespace gw::ui
