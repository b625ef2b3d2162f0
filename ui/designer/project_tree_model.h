#pragma once
// The project as a tree, grouped as the API Gateway console groups it: APIs -> routes under their
// resource paths (method badges, the integration as a chip) / integrations (used by N routes) /
// authorizers / CORS / stages (live port); REST: resources -> methods; and functions (runtime,
// warm processes). Each item node carries its ItemId, which editors and the undo stack address it by.
#include "model/project.h"

#include <QAbstractItemModel>
#include <QHash>
#include <memory>
#include <vector>

namespace gw::ui {

class ProjectTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        ItemIdRole = Qt::UserRole + 1,
        KindRole,
        PointerRole,
        NameRole,   // the item's full name ("GET /orders"), whatever the label shows
        BadgeRole,  // a route's or method's HTTP method, drawn as a coloured badge
        ChipRole,   // a route's integration, drawn as a chip
        PathRole,   // a resource path node's full path ("/orders/{orderId}")
    };
    explicit ProjectTreeModel(QObject *parent = nullptr);
    ~ProjectTreeModel() override;

    void setProject(const Project &project);
    // Live state: stage nodes show their port, function nodes their warm processes.
    void setLiveStages(const QHash<QString, quint16> &portByApiAndStage); // "apiKey/stage" -> port
    void setProcessCount(const QString &function, int processes);
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
        QString name;  // full name (NameRole); the label when empty
        QString badge;
        QString chip;
        QString path;
        QString liveKey; // stages: "apiKey/stage"; functions: the name
        Node *parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
        int row = 0;
        Node *add(QString label, QString detail, ItemId item, QString kind, QString pointer = {});
    };
    Node *nodeOf(const QModelIndex &index) const;
    QString detailOf(const Node &node) const;
    void refreshLive();
    std::unique_ptr<Node> m_root;
    QHash<QString, quint16> m_livePorts;
    QHash<QString, int> m_processes;
};

} // namespace gw::ui
