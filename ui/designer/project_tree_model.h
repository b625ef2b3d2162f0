#pragma once
// The project as a tree: APIs -> routes / integrations / authorizers / stages (REST: resources ->
// methods), and functions. Each item node carries its ItemId, which editors and the undo stack
// address it by.
#include "model/project.h"

#include <QAbstractItemModel>
#include <memory>
#include <vector>

namespace gw::ui {

class ProjectTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role { ItemIdRole = Qt::UserRole + 1, KindRole, PointerRole };
    explicit ProjectTreeModel(QObject *parent = nullptr);
    ~ProjectTreeModel() override;

    void setProject(const Project &project);
    QModelIndex indexForItem(ItemId id) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node {
        QString label;
        QString detail;
        ItemId item = kNoItem; // kNoItem for grouping nodes
        QString kind;          // api, route, integration, authorizer, stage, resource, method, function, group
        QString pointer;
        Node *parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
        int row = 0;
        Node *add(QString label, QString detail, ItemId item, QString kind, QString pointer = {});
    };
    Node *nodeOf(const QModelIndex &index) const;
    std::unique_ptr<Node> m_root;
};

} // namespace gw::ui
