#pragma once
// The project as a tree: APIs -> routes / integrations / stages, and functions. Each item
// carries the JSON pointer of what it shows, which the form editor edits.
#include "model/project.h"

#include <QAbstractItemModel>
#include <memory>
#include <vector>

namespace gw::ui {

class ProjectTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role { PointerRole = Qt::UserRole + 1, KindRole };
    explicit ProjectTreeModel(QObject *parent = nullptr);
    ~ProjectTreeModel() override;

    void setProject(const Project &project);
    QModelIndex indexForPointer(const QString &pointer) const;

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
        QString pointer; // "" for grouping nodes
        QString kind;    // api, route, integration, stage, function, group
        Node *parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
        int row = 0;
        Node *add(QString label, QString detail, QString pointer, QString kind);
    };
    Node *nodeOf(const QModelIndex &index) const;
    std::unique_ptr<Node> m_root;
};

} // namespace gw::ui
