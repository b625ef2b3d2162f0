#pragma once
// Finding a project item by its ItemId: what kind it is, where it sits (indices and the JSON
// pointer of the file's shape), and typed access to it.
#include "project.h"

#include <optional>
#include <string>

namespace gw {

enum class ItemKind { Function, Api, Route, Integration, Stage, Authorizer, Resource, Method };

struct ItemLocation {
    ItemKind kind = ItemKind::Function;
    int api = -1;      // index in project.apis, for items of an API
    int index = -1;    // index in its list
    int resource = -1; // for methods: the resource's index
    std::string pointer; // "/apis/0/routes/3"
};

std::optional<ItemLocation> locateItem(const Project &project, ItemId id);
// The item a JSON pointer of the file's shape points into (a problem's place), or kNoItem.
ItemId itemAtPointer(const Project &project, const std::string &pointer);

// The item, or null when the id is not of that kind (or gone).
Function *findFunctionItem(Project &project, ItemId id);
Api *findApiItem(Project &project, ItemId id);
Route *findRouteItem(Project &project, ItemId id);
Integration *findIntegrationItem(Project &project, ItemId id);
Stage *findStageItem(Project &project, ItemId id);
const Route *findRouteItem(const Project &project, ItemId id);
const Integration *findIntegrationItem(const Project &project, ItemId id);
const Function *findFunctionItem(const Project &project, ItemId id);
const Stage *findStageItem(const Project &project, ItemId id);
// A REST method, and the resource it is on when asked.
const RestMethod *findMethodItem(const Project &project, ItemId id, const RestResource **resource = nullptr);
RestMethod *findMethodItem(Project &project, ItemId id);
const Api *findApiItem(const Project &project, ItemId id);
// The API an item belongs to (itself for an API); null for functions and unknown ids.
const Api *apiOfItem(const Project &project, ItemId id);

} // namespace gw
