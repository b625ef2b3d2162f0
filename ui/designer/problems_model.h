#pragma once
// Every finding of the open project (errors and warnings, as `validate` reports them), each with
// the item it is about, so the Problems panel can go to it.
#include "model/project.h"
#include "model/project_error.h"

#include <QAbstractTableModel>

namespace gw::ui {

class ProblemsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Severity, Message, Item, ColumnCount };
    enum Role { ItemIdRole = Qt::UserRole + 1, PointerRole };

    explicit ProblemsModel(QObject *parent = nullptr);
    // Re-checks the project (cheap: the checks of `validate`, in memory).
    void setProject(const Project &project);
    // A page's edit that is typed but cannot be applied (JSON that does not parse, a refused
    // value): listed first, as an error, until the page clears it. Empty text clears it.
    void setDraftProblem(const Project &project, ItemId item, const QString &text);
    int errorCount() const;
    int warningCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void countsChanged(int errors, int warnings);

private:
    struct Row {
        ProjectError problem;
        ItemId item = kNoItem;
        QString itemLabel;
    };
    void rebuild();
    std::vector<Row> m_findings;
    std::vector<Row> m_drafts;
    std::vector<Row> m_rows; // drafts, then findings
};

} // namespace gw::ui
