#pragma once
// Renders a parsed template against a context of variables, with Velocity 1.7's semantics as
// API Gateway runs it: a reference that resolves to nothing renders as nothing, #set of a null
// keeps the old value, integer arithmetic is Java's, #foreach offers $foreach and $velocityCount.
#include "vtl_template.h"

#include <stdexcept>
#include <string>
#include <unordered_map>
#include <variant>

namespace gw::vtl {

// Thrown by a host method (for example $util.parseJson of text that is not JSON): the render
// fails with the reference's location.
struct VtlRuntimeError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Context {
public:
    void set(std::string name, Value value) { m_vars.insert_or_assign(std::move(name), std::move(value)); }
    Value get(std::string_view name) const
    {
        const auto it = m_vars.find(name);
        return it == m_vars.end() ? Value() : it->second;
    }
    bool has(std::string_view name) const { return m_vars.find(name) != m_vars.end(); }
    void remove(std::string_view name)
    {
        const auto it = m_vars.find(name);
        if (it != m_vars.end())
            m_vars.erase(it);
    }

private:
    std::unordered_map<std::string, Value, StringHash, std::equal_to<>> m_vars;
};

struct RenderLimits {
    size_t maxOutputBytes = 10 * 1024 * 1024; // the service's payload limit
    size_t maxIterations = 1'000'000;         // all #foreach passes of one render together
    int maxDepth = 64;                        // #define blocks referring to #define blocks
};

std::variant<std::string, VtlError> render(const Template &tmpl, Context &context, const RenderLimits &limits = {});

} // namespace gw::vtl
