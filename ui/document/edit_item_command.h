#pragma once
// A typed, mergeable undo step: one field of one item (found by its ItemId, so the step stays
// valid whatever else moves) goes from one value of the item to another. Successive edits of the
// same field of the same item merge into one step; a step that ends where it began disappears.
#include "model/project_items.h"

#include <QUndoCommand>
#include <functional>

namespace gw::ui {

class ProjectDocument;

// Which field an edit touched: edits merge only with edits of the same field.
enum class EditField {
    RouteMethod, RouteKey, RouteIntegration, RouteAuthorization,
    IntegrationType, IntegrationTarget, IntegrationPayloadFormat, IntegrationTimeout, IntegrationMethod, IntegrationTls,
    FunctionRuntime, FunctionHandler, FunctionCommand, FunctionCodeDir, FunctionTimeout, FunctionMemory,
    FunctionConcurrency, FunctionEnvironment,
    StageAutoDeploy, StageVariables, StageAccessLogFormat, StageThrottling,
    ApiName, ApiPort, ApiDescription, ApiCors, ApiModelSchema, ApiModels, ApiRestSettings,
    MethodRequest, MethodIntegrationRequest, MethodIntegrationResponses, MethodResponses, MethodTemplate,
    Json, // the JSON editor: every field at once
};

template <typename Item> struct ItemAccess;
template <> struct ItemAccess<Route> {
    static Route *find(Project &p, ItemId id) { return findRouteItem(p, id); }
    static constexpr int kCommandId = 101;
};
template <> struct ItemAccess<Integration> {
    static Integration *find(Project &p, ItemId id) { return findIntegrationItem(p, id); }
    static constexpr int kCommandId = 102;
};
template <> struct ItemAccess<Function> {
    static Function *find(Project &p, ItemId id) { return findFunctionItem(p, id); }
    static constexpr int kCommandId = 103;
};
template <> struct ItemAccess<Stage> {
    static Stage *find(Project &p, ItemId id) { return findStageItem(p, id); }
    static constexpr int kCommandId = 104;
};
template <> struct ItemAccess<Api> {
    static Api *find(Project &p, ItemId id) { return findApiItem(p, id); }
    static constexpr int kCommandId = 105;
};
template <> struct ItemAccess<RestMethod> {
    static RestMethod *find(Project &p, ItemId id) { return findMethodItem(p, id); }
    static constexpr int kCommandId = 106;
};

// Applies an item value to the document's project (used by the commands; the document checks).
using ItemSetter = std::function<void(const std::function<void(Project &)> &change, ItemId select)>;

template <typename Item> class EditItemCommand : public QUndoCommand {
public:
    EditItemCommand(ItemSetter set, ItemId item, Item before, Item after, EditField field, const QString &text)
        : QUndoCommand(text), m_set(std::move(set)), m_item(item), m_before(std::move(before)), m_after(std::move(after)),
          m_field(field)
    {
    }
    int id() const override { return ItemAccess<Item>::kCommandId; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *edit = static_cast<const EditItemCommand *>(other);
        if (edit->m_item != m_item || edit->m_field != m_field)
            return false; // a JSON typing session (live-applied at each pause) is one step too
        m_after = edit->m_after;
        setObsolete(Json(m_after) == Json(m_before)); // typed back to where it began: no step at all
        return true;
    }
    void undo() override { apply(m_before); }
    void redo() override { apply(m_after); }
    ItemId item() const { return m_item; }

private:
    void apply(const Item &value)
    {
        const ItemId id = m_item;
        m_set([id, value](Project &project) {
            if (Item *target = ItemAccess<Item>::find(project, id))
                *target = value;
        }, id);
    }
    ItemSetter m_set;
    ItemId m_item;
    Item m_before, m_after;
    EditField m_field;
};

} // namespace gw::ui
