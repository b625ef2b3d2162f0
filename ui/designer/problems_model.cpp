#include "problems_model.h"

#include "gateway/deploy/project_compiler.h"
#include "model/project_items.h"
#include "model/project_loader.h"

#include <QApplication>
#include <QStyle>

namespace gw::ui {

namespace {
QString labelOf(const Project &project, ItemId id)
{
    const auto where = locateItem(project, id);
    if (!where)
        return {};
    const Api *api = where->api >= 0 ? &project.apis[size_t(where->api)] : nullptr;
    switch (where->kind) {
    case ItemKind::Function: return QObject::tr("function %1").arg(QString::fromStdString(project.functions[size_t(where->index)].name));
    case ItemKind::Api: return QObject::tr("API %1").arg(QString::fromStdString(api->name));
    case ItemKind::Route: return QObject::tr("route %1").arg(QString::fromStdString(api->routes()[size_t(where->index)].routeKey));
    case ItemKind::Integration: return QObject::tr("integration %1").arg(QString::fromStdString(api->integrations()[size_t(where->index)].id));
    case ItemKind::Stage: return QObject::tr("stage %1").arg(QString::fromStdString(api->stages[size_t(where->index)].name));
    case ItemKind::Authorizer: return QObject::tr("authorizer %1").arg(QString::fromStdString(api->authorizers[size_t(where->index)].id));
    case ItemKind::Resource: return QObject::tr("resource %1").arg(QString::fromStdString(api->rest()->resources[size_t(where->index)].path));
    case ItemKind::Method:
        return QObject::tr("method %1 %2")
            .arg(QString::fromStdString(api->rest()->resources[size_t(where->resource)].methods[size_t(where->index)].httpMethod),
                 QString::fromStdString(api->rest()->resources[size_t(where->resource)].path));
    }
    return {};
}
} // namespace

ProblemsModel::ProblemsModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void ProblemsModel::setProject(const Project &project)
{
    m_findings.clear();
    ProjectProblems problems = projectProblems(project);
    // What only compiling finds (a REST mapping template that does not parse), when the project
    // itself is sound.
    if (std::none_of(problems.begin(), problems.end(), [](const ProjectError &p) { return !p.isWarning(); }))
        for (ProjectError &problem : deploymentProblems(project))
            problems.push_back(std::move(problem));
    for (ProjectError &problem : problems) {
        Row row{std::move(problem), kNoItem, {}};
        row.item = itemAtPointer(project, row.problem.pointer);
        row.itemLabel = labelOf(project, row.item);
        m_findings.push_back(std::move(row));
    }
    // Errors first, then in the file's order.
    std::stable_sort(m_findings.begin(), m_findings.end(),
                     [](const Row &a, const Row &b) { return !a.problem.isWarning() && b.problem.isWarning(); });
    // A draft whose item is gone (deleted, undone) is gone too.
    std::erase_if(m_drafts, [&](const Row &draft) { return !locateItem(project, draft.item); });
    rebuild();
}

void ProblemsModel::setDraftProblem(const Project &project, ItemId item, const QString &text)
{
    if (item == kNoItem)
        return;
    const auto existing = std::find_if(m_drafts.begin(), m_drafts.end(), [&](const Row &r) { return r.item == item; });
    if (text.isEmpty()) {
        if (existing == m_drafts.end())
            return;
        m_drafts.erase(existing);
    } else {
        Row row;
        row.problem.message = tr("Not applied: %1").arg(text).toStdString();
        if (const auto where = locateItem(project, item))
            row.problem.pointer = where->pointer;
        row.item = item;
        row.itemLabel = labelOf(project, item);
        if (existing != m_drafts.end() && existing->problem.message == row.problem.message)
            return;
        if (existing != m_drafts.end())
            *existing = std::move(row);
        else
            m_drafts.push_back(std::move(row));
    }
    rebuild();
}

void ProblemsModel::rebuild()
{
    beginResetModel();
    m_rows = m_drafts;
    m_rows.insert(m_rows.end(), m_findings.begin(), m_findings.end());
    endResetModel();
    emit countsChanged(errorCount(), warningCount());
}

int ProblemsModel::errorCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const Row &r) { return !r.problem.isWarning(); }));
}

int ProblemsModel::warningCount() const
{
    return int(m_rows.size()) - errorCount();
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Severity: return row.problem.isWarning() ? tr("warning") : tr("error");
        case Message: return QString::fromStdString(row.problem.message);
        case Item: return row.itemLabel.isEmpty() ? QString::fromStdString(row.problem.pointer) : row.itemLabel;
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == Severity)
            return QApplication::style()->standardIcon(row.problem.isWarning() ? QStyle::SP_MessageBoxWarning
                                                                               : QStyle::SP_MessageBoxCritical);
        break;
    case Qt::ToolTipRole: return QString::fromStdString(row.problem.pointer);
    case ItemIdRole: return QVariant::fromValue<quint64>(row.item);
    case PointerRole: return QString::fromStdString(row.problem.pointer);
    }
    return {};
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Severity: return tr("Severity");
    case Message: return tr("Problem");
    case Item: return tr("Item");
    }
    return {};
}

} // namespace gw::ui
