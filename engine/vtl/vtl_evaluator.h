#pragma once
// Renders a parsed template against a context of variables, with Velocity 1.7's semantics as
// API Gateway runs it: a reference that resolves to nothing renders as nothing, #set of a null
// keeps the old value, integer arithmetic is Java's, #foreach offers $foreach and $velocityCount.
#include "vtl_template.h"

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace gw::vtl {

// Thrown by a host method (for example $util.parseJson of text that is not JSON): the render
// fails with the reference's location.
struct VtlRuntimeError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A template's variables. A flat list searched in order: a render sees a handful of names, and
// a render makes two of these per request, where a hash table's node per name cost more than
// the scans it saves.
class Context {
public:
    void set(std::string_view name, Value value)
    {
        if (Value *slot = find(name))
            *slot = std::move(value);
        else
            m_vars.emplace_back(std::string(name), std::move(value));
    }
    Value get(std::string_view name) const
    {
        const Value *v = find(name);
        return v ? *v : Value();
    }
    const Value *find(std::string_view name) const
    {
        for (const auto &[key, value] : m_vars)
            if (key == name)
                return &value;
        return nullptr;
    }
    Value *find(std::string_view name) { return const_cast<Value *>(std::as_const(*this).find(name)); }
    bool has(std::string_view name) const { return find(name) != nullptr; }
    void remove(std::string_view name)
    {
        for (auto it = m_vars.begin(); it != m_vars.end(); ++it)
            if (it->first == name) {
                m_vars.erase(it);
                return;
            }
    }

private:
    std::vector<std::pair<std::string, Value>> m_vars;
};

struct RenderLimits {
    size_t maxOutputBytes = 10 * 1024 * 1024; // the service's payload limit
    size_t maxIterations = 1'000'000;         // all #foreach passes of one render together
    int maxDepth = 64;                        // #define blocks referring to #define blocks
};

std::variant<std::string, VtlError> render(const Template &tmpl, Context &context, const RenderLimits &limits = {});

} // namespace gw::vtl
