#pragma once
// A value as a Velocity template sees it: Java's null, Boolean, Integer/Long, Double, String,
// List and Map (shared, so #set aliases as Java references do), and host objects ($input,
// $util). Lists and maps remember whether they came from JSON: API Gateway prints a JSON array
// as JSON and a JSON object the way Java's Map.toString() does ({a=1, b=x}).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace gw::vtl {

// Lookups by string_view without building a std::string.
struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct List;
struct Map;
class HostObject;
struct Block;

class Value {
public:
    using ListPtr = std::shared_ptr<List>;
    using MapPtr = std::shared_ptr<Map>;
    using HostPtr = std::shared_ptr<HostObject>;
    using BlockPtr = std::shared_ptr<const Block>;

    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : m_v(b) {}
    Value(int v) : m_v(int64_t(v)) {}
    Value(int64_t v) : m_v(v) {}
    Value(double v) : m_v(v) {}
    Value(std::string s) : m_v(std::move(s)) {}
    Value(const char *s) : m_v(std::string(s)) {}
    Value(ListPtr l) : m_v(std::move(l)) {}
    Value(MapPtr m) : m_v(std::move(m)) {}
    Value(HostPtr h) : m_v(std::move(h)) {}
    Value(BlockPtr b) : m_v(std::move(b)) {}

    bool isNull() const { return m_v.index() == 0; }
    bool isBool() const { return std::holds_alternative<bool>(m_v); }
    bool isInt() const { return std::holds_alternative<int64_t>(m_v); }
    bool isDouble() const { return std::holds_alternative<double>(m_v); }
    bool isNumber() const { return isInt() || isDouble(); }
    bool isString() const { return std::holds_alternative<std::string>(m_v); }
    bool isList() const { return std::holds_alternative<ListPtr>(m_v); }
    bool isMap() const { return std::holds_alternative<MapPtr>(m_v); }
    bool isHost() const { return std::holds_alternative<HostPtr>(m_v); }
    bool isBlock() const { return std::holds_alternative<BlockPtr>(m_v); }

    bool asBool() const { return std::get<bool>(m_v); }
    int64_t asInt() const { return std::get<int64_t>(m_v); }
    double asDouble() const { return isInt() ? double(asInt()) : std::get<double>(m_v); }
    const std::string &asString() const { return std::get<std::string>(m_v); }
    const ListPtr &asList() const { return std::get<ListPtr>(m_v); }
    const MapPtr &asMap() const { return std::get<MapPtr>(m_v); }
    const HostPtr &asHost() const { return std::get<HostPtr>(m_v); }
    const BlockPtr &asBlock() const { return std::get<BlockPtr>(m_v); }

    // Velocity's truth: null and false are false, everything else is true (1.7: "" is true).
    bool truthy() const { return !isNull() && !(isBool() && !asBool()); }
    // Java's toString() of the value ("" for null, as API Gateway renders a missing reference).
    std::string toString() const;
    // Compact JSON, as Jackson writes what API Gateway prints inside a JSON array.
    std::string toJson() const;
    // Java's equals() across the types Velocity compares (numbers by value).
    bool javaEquals(const Value &other) const;

private:
    std::variant<std::monostate, bool, int64_t, double, std::string, ListPtr, MapPtr, HostPtr, BlockPtr> m_v;
};

struct List {
    std::vector<Value> items;
    bool fromJson = false; // toString() prints JSON
};

// A LinkedHashMap: insertion order, keys as strings.
struct Map {
    bool fromJson = false;
    bool printsEmpty = false; // toString() is "" (the service's nested $context maps)
    const Value *find(std::string_view key) const;
    Value get(std::string_view key) const;
    // Java's put(): returns the previous value (null when there was none).
    Value put(std::string key, Value value);
    // A key the map does not have yet, added last without looking for it (builders of maps
    // whose keys are known to differ, as $context's are).
    void append(std::string key, Value value);
    Value remove(std::string_view key);
    size_t size() const { return entries.size(); }
    std::vector<std::pair<std::string, Value>> entries;

private:
    void reindex();
    std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> m_index; // once the map grows past a few keys
};

// An object with Java bean properties and methods, provided by the embedder ($input, $util).
class HostObject {
public:
    virtual ~HostObject() = default;
    // $obj.name: a bean property (getName()/isName()/get("name")); null when there is none.
    virtual Value property(std::string_view name);
    // $obj.name(args); nullopt when the object has no such method (rendered as nothing).
    virtual std::optional<Value> call(std::string_view method, std::vector<Value> &args);
    virtual std::string toString() const { return {}; }
};

Value makeList(std::vector<Value> items = {}, bool fromJson = false);
Value makeMap(bool fromJson = false);

// Java's Double.toString(): 1.0, 1990.19, 1.0E10.
std::string javaDoubleString(double d);

} // namespace gw::vtl
