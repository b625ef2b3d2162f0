#include "project_items.h"

namespace gw {

namespace {
std::string at(const char *list, size_t index)
{
    return std::string("/") + list + "/" + std::to_string(index);
}
} // namespace

std::optional<ItemLocation> locateItem(const Project &project, ItemId id)
{
    if (id == kNoItem)
        return std::nullopt;
    for (size_t f = 0; f < project.functions.size(); ++f)
        if (project.functions[f].itemId == id)
            return ItemLocation{ItemKind::Function, -1, int(f), -1, at("functions", f)};
    for (size_t a = 0; a < project.apis.size(); ++a) {
        const Api &api = project.apis[a];
        const std::string base = at("apis", a);
        if (api.itemId == id)
            return ItemLocation{ItemKind::Api, int(a), int(a), -1, base};
        for (size_t i = 0; i < api.routes().size(); ++i)
            if (api.routes()[i].itemId == id)
                return ItemLocation{ItemKind::Route, int(a), int(i), -1, base + at("routes", i)};
        for (size_t i = 0; i < api.integrations().size(); ++i)
            if (api.integrations()[i].itemId == id)
                return ItemLocation{ItemKind::Integration, int(a), int(i), -1, base + at("integrations", i)};
        for (size_t i = 0; i < api.stages.size(); ++i)
            if (api.stages[i].itemId == id)
                return ItemLocation{ItemKind::Stage, int(a), int(i), -1, base + at("stages", i)};
        for (size_t i = 0; i < api.authorizers.size(); ++i)
            if (api.authorizers[i].itemId == id)
                return ItemLocation{ItemKind::Authorizer, int(a), int(i), -1, base + at("authorizers", i)};
        if (const RestApiSpec *rest = api.rest())
            for (size_t r = 0; r < rest->resources.size(); ++r) {
                const RestResource &resource = rest->resources[r];
                if (resource.itemId == id)
                    return ItemLocation{ItemKind::Resource, int(a), int(r), -1, base + at("resources", r)};
                for (size_t m = 0; m < resource.methods.size(); ++m)
                    if (resource.methods[m].itemId == id)
                        return ItemLocation{ItemKind::Method, int(a), int(m), int(r), base + at("resources", r) + at("methods", m)};
            }
    }
    return std::nullopt;
}

ItemId itemAtPointer(const Project &project, const std::string &pointer)
{
    // The deepest item whose pointer is the given one or a prefix of it ("/apis/0/routes/3/x").
    auto within = [&](const std::string &base) {
        return pointer == base || (pointer.size() > base.size() && pointer.compare(0, base.size(), base) == 0 &&
                                   pointer[base.size()] == '/');
    };
    for (size_t f = 0; f < project.functions.size(); ++f)
        if (within(at("functions", f)))
            return project.functions[f].itemId;
    for (size_t a = 0; a < project.apis.size(); ++a) {
        const Api &api = project.apis[a];
        const std::string base = at("apis", a);
        if (!within(base))
            continue;
        for (size_t i = 0; i < api.routes().size(); ++i)
            if (within(base + at("routes", i)))
                return api.routes()[i].itemId;
        for (size_t i = 0; i < api.integrations().size(); ++i)
            if (within(base + at("integrations", i)))
                return api.integrations()[i].itemId;
        for (size_t i = 0; i < api.stages.size(); ++i)
            if (within(base + at("stages", i)))
                return api.stages[i].itemId;
        for (size_t i = 0; i < api.authorizers.size(); ++i)
            if (within(base + at("authorizers", i)))
                return api.authorizers[i].itemId;
        if (const RestApiSpec *rest = api.rest())
            for (size_t r = 0; r < rest->resources.size(); ++r) {
                const std::string resource = base + at("resources", r);
                if (!within(resource))
                    continue;
                for (size_t m = 0; m < rest->resources[r].methods.size(); ++m)
                    if (within(resource + at("methods", m)))
                        return rest->resources[r].methods[m].itemId;
                return rest->resources[r].itemId;
            }
        return api.itemId;
    }
    return kNoItem;
}

const Function *findFunctionItem(const Project &project, ItemId id)
{
    for (const Function &f : project.functions)
        if (f.itemId == id)
            return &f;
    return nullptr;
}

const Api *findApiItem(const Project &project, ItemId id)
{
    for (const Api &a : project.apis)
        if (a.itemId == id)
            return &a;
    return nullptr;
}

const Route *findRouteItem(const Project &project, ItemId id)
{
    for (const Api &a : project.apis)
        for (const Route &r : a.routes())
            if (r.itemId == id)
                return &r;
    return nullptr;
}

const Integration *findIntegrationItem(const Project &project, ItemId id)
{
    for (const Api &a : project.apis)
        for (const Integration &i : a.integrations())
            if (i.itemId == id)
                return &i;
    return nullptr;
}

const Stage *findStageItem(const Project &project, ItemId id)
{
    for (const Api &a : project.apis)
        for (const Stage &s : a.stages)
            if (s.itemId == id)
                return &s;
    return nullptr;
}

const RestMethod *findMethodItem(const Project &project, ItemId id, const RestResource **resource)
{
    for (const Api &a : project.apis)
        if (const RestApiSpec *rest = a.rest())
            for (const RestResource &r : rest->resources)
                for (const RestMethod &m : r.methods)
                    if (m.itemId == id) {
                        if (resource)
                            *resource = &r;
                        return &m;
                    }
    return nullptr;
}

RestMethod *findMethodItem(Project &project, ItemId id)
{
    return const_cast<RestMethod *>(findMethodItem(std::as_const(project), id));
}

const Api *apiOfItem(const Project &project, ItemId id)
{
    const auto location = locateItem(project, id);
    if (!location || location->api < 0)
        return nullptr;
    return &project.apis[size_t(location->api)];
}

// The mutable ones share the const lookups: the project is the caller's to change.
Function *findFunctionItem(Project &project, ItemId id)
{
    return const_cast<Function *>(findFunctionItem(std::as_const(project), id));
}
Api *findApiItem(Project &project, ItemId id)
{
    return const_cast<Api *>(findApiItem(std::as_const(project), id));
}
Route *findRouteItem(Project &project, ItemId id)
{
    return const_cast<Route *>(findRouteItem(std::as_const(project), id));
}
Integration *findIntegrationItem(Project &project, ItemId id)
{
    return const_cast<Integration *>(findIntegrationItem(std::as_const(project), id));
}
Stage *findStageItem(Project &project, ItemId id)
{
    return const_cast<Stage *>(findStageItem(std::as_const(project), id));
}

} // namespace gw
