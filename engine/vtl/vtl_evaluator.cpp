#include "vtl_evaluator.h"

#include "java_methods.h"

#include <cmath>
#include <type_traits>

namespace gw::vtl {

namespace {

struct StopSignal {};
struct BreakSignal {};
struct Failure {
    VtlError error;
};

// $foreach inside a loop: hasNext, index (from 0), count (from 1), first, last, parent.
class ForeachScope : public HostObject {
public:
    Value property(std::string_view name) override
    {
        if (name == "hasNext")
            return Value(index + 1 < size);
        if (name == "index")
            return Value(int64_t(index));
        if (name == "count")
            return Value(int64_t(index + 1));
        if (name == "first")
            return Value(index == 0);
        if (name == "last")
            return Value(index + 1 == size);
        if (name == "parent")
            return parent;
        return {};
    }
    std::optional<Value> call(std::string_view method, std::vector<Value> &args) override
    {
        if (!args.empty())
            return std::nullopt;
        if (method == "hasNext" || method == "getHasNext")
            return property("hasNext");
        if (method == "getIndex")
            return property("index");
        if (method == "getCount")
            return property("count");
        if (method == "isFirst" || method == "getFirst")
            return property("first");
        if (method == "isLast" || method == "getLast")
            return property("last");
        if (method == "getParent")
            return parent;
        return std::nullopt;
    }
    size_t index = 0;
    size_t size = 0;
    Value parent;
};

class Evaluator {
public:
    Evaluator(Context &context, const RenderLimits &limits) : m_context(context), m_limits(limits) {}

    void renderNodes(const Nodes &nodes, std::string &out)
    {
        for (const Node &node : nodes)
            renderNode(node, out);
    }

private:
    [[noreturn]] void fail(Location at, std::string message) { throw Failure{VtlError{at, std::move(message)}}; }

    void checkOutput(const std::string &out, Location at)
    {
        if (out.size() > m_limits.maxOutputBytes)
            fail(at, "the template's output is larger than " + std::to_string(m_limits.maxOutputBytes) + " bytes");
    }

    void renderNode(const Node &node, std::string &out)
    {
        switch (node.kind) {
        case Node::Text: out += node.text; break;
        case Node::Ref: {
            const Value value = evaluateReference(node.ref);
            appendValue(value, out, node.at);
            checkOutput(out, node.at);
            break;
        }
        case Node::Set: assign(node); break;
        case Node::If:
            for (const auto &[condition, body] : node.branches)
                if (!condition || evaluate(*condition).truthy()) {
                    renderNodes(body, out);
                    break;
                }
            break;
        case Node::Foreach: renderForeach(node, out); break;
        case Node::Break: throw BreakSignal{};
        case Node::Stop: throw StopSignal{};
        case Node::Define: m_context.set(node.text, Value(std::make_shared<const Block>(Block{node.body}))); break;
        }
    }

    void appendValue(const Value &value, std::string &out, Location at)
    {
        if (value.isBlock()) {
            if (++m_depth > m_limits.maxDepth)
                fail(at, "#define blocks nest deeper than " + std::to_string(m_limits.maxDepth));
            try {
                renderNodes(*value.asBlock()->nodes, out);
            } catch (const BreakSignal &) {
            }
            --m_depth;
            return;
        }
        out += value.toString();
    }

    std::string stringOf(const Value &value, Location at)
    {
        if (!value.isBlock())
            return value.toString();
        std::string out;
        appendValue(value, out, at);
        return out;
    }

    void renderForeach(const Node &node, std::string &out)
    {
        const Value source = evaluate(*node.expr);
        std::vector<Value> items;
        if (source.isList())
            items = source.asList()->items; // a copy: the body may change the list
        else if (source.isMap())
            for (const auto &[key, value] : source.asMap()->entries)
                items.push_back(value); // Velocity iterates a Map's values
        else
            return;
        auto scope = std::make_shared<ForeachScope>();
        scope->size = items.size();
        scope->parent = m_context.get("foreach");
        const Value previousItem = m_context.get(node.text);
        const bool hadItem = m_context.has(node.text);
        const Value previousCount = m_context.get("velocityCount");
        const Value previousHasNext = m_context.get("velocityHasNext");
        m_context.set("foreach", Value(std::static_pointer_cast<HostObject>(scope)));
        try {
            for (size_t i = 0; i < items.size(); ++i) {
                if (++m_iterations > m_limits.maxIterations)
                    fail(node.at, "#foreach ran more than " + std::to_string(m_limits.maxIterations) + " times");
                scope->index = i;
                m_context.set(node.text, items[i]);
                m_context.set("velocityCount", Value(int64_t(i + 1)));
                m_context.set("velocityHasNext", Value(i + 1 < items.size()));
                renderNodes(*node.body, out);
                checkOutput(out, node.at);
            }
        } catch (const BreakSignal &) {
        }
        // The loop variable and counters are the loop's own, as in Velocity.
        m_context.set("foreach", scope->parent);
        if (scope->parent.isNull())
            m_context.remove("foreach");
        if (hadItem)
            m_context.set(node.text, previousItem);
        else
            m_context.remove(node.text);
        restore("velocityCount", previousCount);
        restore("velocityHasNext", previousHasNext);
    }

    void restore(const char *name, const Value &previous)
    {
        if (previous.isNull())
            m_context.remove(name);
        else
            m_context.set(name, previous);
    }

    Value access(const Value &target, const Access &step, Location at)
    {
        if (target.isNull())
            return {};
        switch (step.kind) {
        case Access::Property:
            if (target.isHost())
                return target.asHost()->property(step.name);
            return javaProperty(target, step.name);
        case Access::Method: {
            std::vector<Value> args;
            args.reserve(step.args.size());
            for (const ExprPtr &arg : step.args) {
                Value v = evaluate(*arg);
                if (v.isBlock())
                    v = Value(stringOf(v, at));
                args.push_back(std::move(v));
            }
            try {
                std::optional<Value> result =
                    target.isHost() ? target.asHost()->call(step.name, args) : callJavaMethod(target, step.name, args);
                return result ? std::move(*result) : Value();
            } catch (const VtlRuntimeError &e) {
                fail(at, std::string("calling ") + step.name + "(): " + e.what());
            }
        }
        case Access::Index: {
            const Value index = evaluate(*step.args.front());
            if (target.isList()) {
                if (!index.isInt())
                    return {};
                const auto &items = target.asList()->items;
                int64_t i = index.asInt();
                if (i < 0)
                    i += int64_t(items.size()); // Velocity 1.7.x: negative indices count from the end
                return i >= 0 && i < int64_t(items.size()) ? items[size_t(i)] : Value();
            }
            if (target.isMap())
                return target.asMap()->get(index.toString());
            if (target.isHost()) {
                std::vector<Value> args{index};
                const std::optional<Value> result = target.asHost()->call("get", args);
                return result ? *result : Value();
            }
            return {};
        }
        }
        return {};
    }

    Value evaluateReference(const Reference &ref)
    {
        Value value = m_context.get(ref.root);
        for (const Access &step : ref.chain) {
            value = access(value, step, ref.at);
            if (value.isNull())
                return {};
        }
        return value;
    }

    void assign(const Node &node)
    {
        Value value = evaluate(*node.expr);
        if (value.isNull())
            return; // Velocity 1.7 (directive.set.null.allowed=false): the reference keeps its value
        if (value.isBlock())
            value = Value(stringOf(value, node.at));
        const Reference &ref = node.ref;
        if (ref.chain.empty()) {
            m_context.set(ref.root, std::move(value));
            return;
        }
        Value container = m_context.get(ref.root);
        for (size_t i = 0; i + 1 < ref.chain.size() && !container.isNull(); ++i)
            container = access(container, ref.chain[i], ref.at);
        const Access &last = ref.chain.back();
        if (container.isMap()) {
            if (last.kind == Access::Property)
                container.asMap()->put(last.name, std::move(value));
            else if (last.kind == Access::Index)
                container.asMap()->put(evaluate(*last.args.front()).toString(), std::move(value));
        } else if (container.isList() && last.kind == Access::Index) {
            const Value index = evaluate(*last.args.front());
            auto &items = container.asList()->items;
            if (index.isInt() && index.asInt() >= 0 && index.asInt() < int64_t(items.size()))
                items[size_t(index.asInt())] = std::move(value);
        } else if (container.isHost() && last.kind == Access::Property) {
            std::vector<Value> args{Value(last.name), std::move(value)};
            container.asHost()->call("put", args);
        }
    }

    // Integer operands stay integers (Java: division truncates toward zero); division by zero
    // is null, as in Velocity.
    template <typename N> static Value arithmetic(BinaryOp op, N x, N y)
    {
        switch (op) {
        case BinaryOp::Add: return Value(x + y);
        case BinaryOp::Sub: return Value(x - y);
        case BinaryOp::Mul: return Value(x * y);
        default: break;
        }
        if (y == 0)
            return {};
        if (op == BinaryOp::Div)
            return Value(x / y);
        if constexpr (std::is_integral_v<N>)
            return Value(x % y);
        else
            return Value(std::fmod(x, y));
    }

    bool equals(const Value &a, const Value &b, Location at)
    {
        if (a.isNumber() && b.isNumber())
            return a.javaEquals(b);
        if (a.isNull() || b.isNull()) {
            // API Gateway treats a reference to nothing as the empty string (recorded: a missing
            // $input.path() is both == $null and == "").
            const Value &other = a.isNull() ? b : a;
            return other.isNull() || (other.isString() && other.asString().empty());
        }
        if (a.isString() && b.isString())
            return a.asString() == b.asString();
        if (a.isBool() && b.isBool())
            return a.asBool() == b.asBool();
        if ((a.isList() && b.isList()) || (a.isMap() && b.isMap()))
            return a.javaEquals(b);
        // Different types: Velocity compares their toString().
        return stringOf(a, at) == stringOf(b, at);
    }

    Value evaluate(const Expr &e)
    {
        switch (e.kind) {
        case Expr::Literal: return e.literal;
        case Expr::Interpolated: {
            std::string out;
            renderNodes(*e.parts, out);
            return Value(std::move(out));
        }
        case Expr::Ref: return evaluateReference(e.ref);
        case Expr::ListLit: {
            std::vector<Value> items;
            items.reserve(e.items.size());
            for (const ExprPtr &item : e.items)
                items.push_back(evaluate(*item));
            return makeList(std::move(items));
        }
        case Expr::MapLit: {
            Value map = makeMap();
            for (size_t i = 0; i + 1 < e.items.size(); i += 2)
                map.asMap()->put(evaluate(*e.items[i]).toString(), evaluate(*e.items[i + 1]));
            return map;
        }
        case Expr::Range: {
            const Value from = evaluate(*e.items[0]), to = evaluate(*e.items[1]);
            auto asInt = [](const Value &v) -> std::optional<int64_t> {
                if (v.isInt())
                    return v.asInt();
                if (v.isString()) {
                    try {
                        return std::stoll(v.asString());
                    } catch (...) {
                    }
                }
                return std::nullopt;
            };
            const auto a = asInt(from), b = asInt(to);
            if (!a || !b)
                return {};
            const int64_t count = (*a <= *b ? *b - *a : *a - *b) + 1;
            if (size_t(count) > m_limits.maxIterations)
                fail(e.at, "the range [" + std::to_string(*a) + ".." + std::to_string(*b) + "] is too large");
            std::vector<Value> items;
            items.reserve(size_t(count));
            for (int64_t i = *a;; i += (*a <= *b ? 1 : -1)) {
                items.emplace_back(i);
                if (i == *b)
                    break;
            }
            return makeList(std::move(items));
        }
        case Expr::Not: return Value(!evaluate(*e.items[0]).truthy());
        case Expr::Negate: {
            const Value v = evaluate(*e.items[0]);
            if (v.isInt())
                return Value(-v.asInt());
            if (v.isDouble())
                return Value(-v.asDouble());
            return {};
        }
        case Expr::Binary: {
            const BinaryOp op = e.op;
            if (op == BinaryOp::And)
                return Value(evaluate(*e.items[0]).truthy() && evaluate(*e.items[1]).truthy());
            if (op == BinaryOp::Or)
                return Value(evaluate(*e.items[0]).truthy() || evaluate(*e.items[1]).truthy());
            const Value a = evaluate(*e.items[0]);
            const Value b = evaluate(*e.items[1]);
            switch (op) {
            case BinaryOp::Eq: return Value(equals(a, b, e.at));
            case BinaryOp::Ne: return Value(!equals(a, b, e.at));
            case BinaryOp::Lt:
            case BinaryOp::Gt:
            case BinaryOp::Le:
            case BinaryOp::Ge: {
                if (!a.isNumber() || !b.isNumber())
                    return Value(false);
                const bool bothInt = a.isInt() && b.isInt();
                const int c = bothInt ? (a.asInt() < b.asInt() ? -1 : a.asInt() > b.asInt())
                                      : (a.asDouble() < b.asDouble() ? -1 : a.asDouble() > b.asDouble());
                return Value(op == BinaryOp::Lt ? c < 0 : op == BinaryOp::Gt ? c > 0 : op == BinaryOp::Le ? c <= 0 : c >= 0);
            }
            default: break;
            }
            if (op == BinaryOp::Add && (a.isString() || b.isString() || a.isBlock() || b.isBlock())) {
                // Velocity 1.7 concatenates when either side is a String (a null side as written).
                const std::string left = a.isNull() ? e.items[0]->ref.literal : stringOf(a, e.at);
                const std::string right = b.isNull() ? e.items[1]->ref.literal : stringOf(b, e.at);
                return Value(left + right);
            }
            if (!a.isNumber() || !b.isNumber())
                return {};
            if (a.isInt() && b.isInt())
                return arithmetic<int64_t>(op, a.asInt(), b.asInt());
            return arithmetic<double>(op, a.asDouble(), b.asDouble());
        }
        }
        return {};
    }

    Context &m_context;
    const RenderLimits &m_limits;
    size_t m_iterations = 0;
    int m_depth = 0;
};


} // namespace

std::variant<std::string, VtlError> render(const Template &tmpl, Context &context, const RenderLimits &limits)
{
    Evaluator evaluator(context, limits);
    std::string out;
    out.reserve(tmpl.sourceSize() + 64);
    try {
        evaluator.renderNodes(tmpl.nodes(), out);
    } catch (const StopSignal &) {
    } catch (const BreakSignal &) {
    } catch (const Failure &failure) {
        return failure.error;
    }
    return out;
}

} // namespace gw::vtl
