#include "project_tree_model.h"

#include <algorithm>
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

namespace {
// "/orders/{orderId}" -> {"/orders", "/{orderId}"}; "$default" stays whole.
QStringList pathSegments(const QString &path)
{
    QStringList out;
    for (const QString &part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        out << QLatin1Char('/') + part;
    return out;
}
} // namespace

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
        const QString apiKey = q(api.id.empty() ? api.apiId : api.id);
        Node *apiNode = apis->add(q(api.name), q(api.typeName()), api.itemId, QStringLiteral("api"), at);
        if (api.apiType() != ApiType::Rest) {
            Node *routes = apiNode->add(tr("Routes"), QString::number(api.routes().size()), kNoItem, group);
            // Routes under their resource path, as the console lists them; $default and other
            // keys without a path (WebSocket's) stay at the top.
            std::vector<size_t> order(api.routes().size());
            for (size_t r = 0; r < order.size(); ++r)
                order[r] = r;
            auto pathOf = [&](size_t r) {
                const QString key = q(api.routes()[r].routeKey);
                const int space = key.indexOf(QLatin1Char(' '));
                return space < 0 ? QString() : key.mid(space + 1);
            };
            std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return pathOf(x) < pathOf(y); });
            QHash<QString, Node *> pathNodes;
            for (size_t r : order) {
                const Route &route = api.routes()[r];
                const QString key = q(route.routeKey);
                const QString path = pathOf(r);
                Node *parent = routes;
                QString sofar;
                for (const QString &segment : pathSegments(path)) {
                    sofar += segment;
                    Node *&node = pathNodes[sofar];
                    if (!node) {
                        node = parent->add(segment, QString(), kNoItem, QStringLiteral("path"));
                        node->path = sofar;
                    }
                    parent = node;
                }
                const QString method = path.isEmpty() ? QString() : key.left(key.indexOf(QLatin1Char(' ')));
                Node *node = parent->add(path.isEmpty() ? key : method, QString(), route.itemId, QStringLiteral("route"),
                                         at + QStringLiteral("/routes/%1").arg(r));
                node->name = key;
                node->badge = method;
                node->chip = route.integration ? q(*route.integration) : QString();
                node->detail = route.integration ? QStringLiteral("→ ") + q(*route.integration) : tr("no integration");
            }
            Node *integrations = apiNode->add(tr("Integrations"), QString::number(api.integrations().size()), kNoItem, group);
            for (size_t i = 0; i < api.integrations().size(); ++i) {
                const Integration &integration = api.integrations()[i];
                const QString target = integration.type == "AWS_PROXY" ? q(functionNameFromReference(integration.function.value_or("")))
                                                                       : q(integration.uri.value_or(""));
                const auto users = std::count_if(api.routes().begin(), api.routes().end(),
                                                 [&](const Route &r) { return r.integration == integration.id; });
                integrations->add(q(integration.id),
                                  (integration.type == "AWS_PROXY" ? QStringLiteral("λ ") : QStringLiteral("⇄ ")) + target +
                                      tr(" · used by %n", nullptr, int(users)),
                                  integration.itemId, QStringLiteral("integration"), at + QStringLiteral("/integrations/%1").arg(i));
            }
        } else {
            const auto &restResources = api.rest()->resources;
            Node *resources = apiNode->add(tr("Resources"), QString::number(restResources.size()), kNoItem, group);
            for (size_t r = 0; r < restResources.size(); ++r) {
                const RestResource &resource = restResources[r];
                const QString rat = at + QStringLiteral("/resources/%1").arg(r);
                Node *node = resources->add(q(resource.path), tr("%n method(s)", nullptr, int(resource.methods.size())),
                                            resource.itemId, QStringLiteral("resource"), rat);
                for (size_t m = 0; m < resource.methods.size(); ++m) {
                    Node *method = node->add(q(resource.methods[m].httpMethod),
                                             resource.methods[m].integration ? q(resource.methods[m].integration->type) : tr("no integration"),
                                             resource.methods[m].itemId, QStringLiteral("method"), rat + QStringLiteral("/methods/%1").arg(m));
                    method->badge = method->label;
                    method->name = method->label + QLatin1Char(' ') + q(resource.path);
                }
            }
        }
        Node *authorizers = apiNode->add(tr("Authorizers"), QString::number(api.authorizers.size()), kNoItem, group);
        for (size_t i = 0; i < api.authorizers.size(); ++i)
            authorizers->add(q(api.authorizers[i].name.empty() ? api.authorizers[i].id : api.authorizers[i].name),
                             q(api.authorizers[i].type), api.authorizers[i].itemId, QStringLiteral("authorizer"),
                             at + QStringLiteral("/authorizers/%1").arg(i));
        if (const HttpApiSpec *http = api.http()) {
            QString detail = tr("off");
            if (http->cors)
                detail = http->cors->allowOrigins.empty() ? tr("no origin")
                                                          : tr("%n origin(s)", nullptr, int(http->cors->allowOrigins.size()));
            apiNode->add(tr("CORS"), detail, api.itemId, QStringLiteral("cors"), at + QStringLiteral("/cors"));
        }
        Node *stages = apiNode->add(tr("Stages"), QString::number(api.stages.size()), kNoItem, group);
        for (size_t s = 0; s < api.stages.size(); ++s) {
            Node *stage = stages->add(q(api.stages[s].name), QString(), api.stages[s].itemId, QStringLiteral("stage"),
                                      at + QStringLiteral("/stages/%1").arg(s));
            stage->liveKey = apiKey + QLatin1Char('/') + stage->label;
            if (const RestApiSpec *rest = api.rest()) {
                // A REST stage serves a deployment's snapshot, or the design live.
                const Stage &st = api.stages[s];
                bool snapshot = false;
                for (const Deployment &d : rest->deployments)
                    snapshot = snapshot || (st.deployment == d.id && d.snapshot.is_object());
                stage->chip = snapshot ? tr("deployment %1").arg(q(*st.deployment)) : tr("design live");
                if (st.canarySettings)
                    stage->chip += tr(" + canary");
            } else {
                stage->chip = api.stages[s].autoDeploy ? tr("auto-deploy") : QString();
            }
        }
    }
    Node *functions = m_root->add(tr("Functions"), QString::number(project.functions.size()), kNoItem, group);
    for (size_t f = 0; f < project.functions.size(); ++f) {
        const Function &function = project.functions[f];
        Node *node = functions->add(q(function.name), q(function.runtime) + QStringLiteral(" · ") + q(function.handler),
                                    function.itemId, QStringLiteral("function"), QStringLiteral("/functions/%1").arg(f));
        node->liveKey = node->label;
        node->badge = q(function.runtime);
    }
    endResetModel();
}

void ProjectTreeModel::setLiveStages(const QHash<QString, quint16> &portByApiAndStage)
{
    if (m_livePorts == portByApiAndStage)
        return;
    m_livePorts = portByApiAndStage;
    refreshLive();
}

void ProjectTreeModel::setProcessCount(const QString &function, int processes)
{
    if (m_processes.value(function, -1) == processes)
        return;
    m_processes[function] = processes;
    refreshLive();
}

void ProjectTreeModel::refreshLive()
{
    // Only the detail column of stages and functions changes: no reset, the selection stays.
    std::function<void(Node *, const QModelIndex &)> walk = [&](Node *node, const QModelIndex &index) {
        for (size_t r = 0; r < node->children.size(); ++r) {
            Node *child = node->children[r].get();
            const QModelIndex childIndex = this->index(int(r), 0, index);
            if (!child->liveKey.isEmpty()) {
                const QModelIndex detail = childIndex.siblingAtColumn(1);
                emit dataChanged(detail, detail, {Qt::DisplayRole});
            }
            walk(child, childIndex);
        }
    };
    walk(m_root.get(), {});
}

QString ProjectTreeModel::detailOf(const Node &node) const
{
    if (node.kind == QLatin1String("stage")) {
        QStringList parts;
        if (const quint16 port = m_livePorts.value(node.liveKey))
            parts << tr("● live :%1").arg(port);
        if (!node.chip.isEmpty())
            parts << node.chip;
        return parts.join(QStringLiteral(" · "));
    }
    if (node.kind == QLatin1String("function")) {
        const int processes = m_processes.value(node.liveKey, 0);
        return processes > 0 ? node.detail + tr(" · %n warm", nullptr, processes) : node.detail;
    }
    return node.detail;
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
    case Qt::DisplayRole: return index.column() == 0 ? node->label : detailOf(*node);
    case Qt::ToolTipRole: return node->name.isEmpty() ? node->pointer : node->name;
    case NameRole: return node->name.isEmpty() ? node->label : node->name;
    case BadgeRole: return node->badge;
    case ChipRole: return node->chip;
    case PathRole: return node->path;
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
