#include "project_tree_model.h"

#include <functional>

namespace gw::ui {

ProjectTreeModel::Node *ProjectTreeModel::Node::add(QString label, QString detail, ItemId id, QString kind, QString at)
{
    auto node = std::make_unique<Node>();
    node->label = std::move(label);
    node->detail = std::move(detail);
    node->item = id;
    node->kind = std::move(kind);
    node->pointer = std::move(at);
    node->parent = this;
    node->row = int(children.size());
    children.push_back(std::move(node));
    return children.back().get();
}

ProjectTreeModel::ProjectTreeModel(QObject *parent) : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{
}

ProjectTreeModel::~ProjectTreeModel() = default;

void ProjectTreeModel::setProject(const Project &project)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    auto q = [](const std::string &s) { return QString::fromStdString(s); };
    const QString group = QStringLiteral("group");
    Node *apis = m_root->add(tr("APIs"), QString::number(project.apis.size()), kNoItem, group);
    for (size_t a = 0; a < project.apis.size(); ++a) {
        const Api &api = project.apis[a];
        const QString at = QStringLiteral("/apis/%1").arg(a);
        Node *apiNode = apis->add(q(api.name), q(api.typeName()), api.itemId, QStringLiteral("api"), at);
        if (api.apiType() != ApiType::Rest) {
            Node *routes = apiNode->add(tr("Routes"), QString::number(api.routes().size()), kNoItem, group);
            for (size_t r = 0; r < api.routes().size(); ++r) {
                const Route &route = api.routes()[r];
                routes->add(q(route.routeKey), route.integration ? QStringLiteral("→ ") + q(*route.integration) : tr("no integration"),
                            route.itemId, QStringLiteral("route"), at + QStringLiteral("/routes/%1").arg(r));
            }
            Node *integrations = apiNode->add(tr("Integrations"), QString::number(api.integrations().size()), kNoItem, group);
            for (size_t i = 0; i < api.integrations().size(); ++i) {
                const Integration &integration = api.integrations()[i];
                const QString target = integration.type == "AWS_PROXY" ? q(integration.function.value_or(""))
                                                                       : q(integration.uri.value_or(""));
                integrations->add(q(integration.id), q(integration.type) + QStringLiteral(" ") + target, integration.itemId,
                                  QStringLiteral("integration"), at + QStringLiteral("/integrations/%1").arg(i));
            }
        } else {
            const auto &restResources = api.rest()->resources;
            Node *resources = apiNode->add(tr("Resources"), QString::number(restResources.size()), kNoItem, group);
            for (size_t r = 0; r < restResources.size(); ++r) {
                const RestResource &resource = restResources[r];
                const QString rat = at + QStringLiteral("/resources/%1").arg(r);
                Node *node = resources->add(q(resource.path), QString::number(resource.methods.size()) + tr(" methods"),
                                            resource.itemId, QStringLiteral("resource"), rat);
                for (size_t m = 0; m < resource.methods.size(); ++m)
                    node->add(q(resource.methods[m].httpMethod),
                              resource.methods[m].integration ? q(resource.methods[m].integration->type) : tr("no integration"),
                              resource.methods[m].itemId, QStringLiteral("method"), rat + QStringLiteral("/methods/%1").arg(m));
            }
        }
        if (!api.authorizers.empty()) {
            Node *authorizers = apiNode->add(tr("Authorizers"), QString::number(api.authorizers.size()), kNoItem, group);
            for (size_t i = 0; i < api.authorizers.size(); ++i)
                authorizers->add(q(api.authorizers[i].name.empty() ? api.authorizers[i].id : api.authorizers[i].name),
                                 q(api.authorizers[i].type), api.authorizers[i].itemId, QStringLiteral("authorizer"),
                                 at + QStringLiteral("/authorizers/%1").arg(i));
        }
        Node *stages = apiNode->add(tr("Stages"), QString::number(api.stages.size()), kNoItem, group);
        for (size_t s = 0; s < api.stages.size(); ++s)
            stages->add(q(api.stages[s].name), api.stages[s].autoDeploy ? tr("auto-deploy") : QString(), api.stages[s].itemId,
                        QStringLiteral("stage"), at + QStringLiteral("/stages/%1").arg(s));
    }
    Node *functions = m_root->add(tr("Functions"), QString::number(project.functions.size()), kNoItem, group);
    for (size_t f = 0; f < project.functions.size(); ++f) {
        const Function &function = project.functions[f];
        functions->add(q(function.name), q(function.runtime) + QStringLiteral(" · ") + q(function.handler), function.itemId,
                       QStringLiteral("function"), QStringLiteral("/functions/%1").arg(f));
    }
    endResetModel();
}

ProjectTreeModel::Node *ProjectTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex ProjectTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *node = nodeOf(parent);
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex ProjectTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *node = nodeOf(child);
    Node *parent = node->parent;
    if (!parent || parent == m_root.get())
        return {};
    return createIndex(parent->row, 0, parent);
}

int ProjectTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int ProjectTreeModel::columnCount(const QModelIndex &) const
{
    return 2;
}

QVariant ProjectTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole: return index.column() == 0 ? node->label : node->detail;
    case Qt::ToolTipRole: return node->pointer;
    case ItemIdRole: return QVariant::fromValue<quint64>(node->item);
    case KindRole: return node->kind;
    case PointerRole: return node->pointer;
    default: return {};
    }
}

QVariant ProjectTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Item") : tr("Details");
}

QModelIndex ProjectTreeModel::indexForItem(ItemId id) const
{
    if (id == kNoItem)
        return {};
    std::function<QModelIndex(const QModelIndex &)> find = [&](const QModelIndex &parent) -> QModelIndex {
        for (int r = 0; r < rowCount(parent); ++r) {
            const QModelIndex child = index(r, 0, parent);
            if (child.data(ItemIdRole).value<quint64>() == id)
                return child;
            if (QModelIndex found = find(child); found.isValid())
                return found;
        }
        return {};
    };
    return find({});
}

} // namespace gw::ui
