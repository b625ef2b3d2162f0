#pragma once
// A Velocity 1.7 template parsed once (per deployment) into a tree the evaluator walks per
// request. The parser follows Velocity 1.7's grammar (Parser.jjt) including its whitespace
// rules: a directive's closing ')' and #else/#end eat the rest of their line, and #set also
// eats the spaces before it.
#include "vtl_value.h"

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace gw::vtl {

struct Location {
    int line = 1;
    int column = 1;
};

// A template that does not parse, or fails while rendering: where, and what.
struct VtlError {
    Location at;
    std::string message;
    std::string toString() const; // "line 3, column 7: ..."
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;
struct Node;
using Nodes = std::vector<Node>;

struct Access {
    enum Kind { Property, Method, Index } kind = Property;
    std::string name;
    std::vector<ExprPtr> args; // method arguments, or the one index expression
};

struct Reference {
    std::string root;
    std::vector<Access> chain;
    std::string literal; // the text as written, for messages and string concatenation of nulls
    Location at;
};

// A binary operator (word forms such as `eq` and `and` parse to the same).
enum class BinaryOp : uint8_t { Or, And, Eq, Ne, Lt, Gt, Le, Ge, Add, Sub, Mul, Div, Mod };

struct Expr {
    enum Kind { Literal, Interpolated, Ref, ListLit, MapLit, Range, Not, Negate, Binary } kind = Literal;
    Value literal;
    std::shared_ptr<const Nodes> parts; // Interpolated: the double-quoted string as a template
    Reference ref;
    std::vector<ExprPtr> items; // ListLit; MapLit as key, value pairs; Range as from, to; operands
    BinaryOp op = BinaryOp::Add; // Binary
    Location at;
};

struct Node {
    enum Kind { Text, Ref, Set, If, Foreach, Break, Stop, Define } kind = Text;
    std::string text;            // Text; Foreach: loop variable; Define: the name
    Reference ref;               // Ref; Set: the target
    ExprPtr expr;                // Set: value; Foreach: what it iterates
    std::vector<std::pair<ExprPtr, Nodes>> branches; // If: condition (null for #else) and body
    std::shared_ptr<const Nodes> body;               // Foreach, Define
    Location at;
};

struct Block {
    std::shared_ptr<const Nodes> nodes;
};

class Template {
public:
    // Parses `text`; on error, says where.
    static std::variant<Template, VtlError> parse(std::string_view text);
    const Nodes &nodes() const { return *m_nodes; }
    size_t sourceSize() const { return m_size; }
    // A template that is only text ({"statusCode": 200}, MOCK's usual) renders to that text
    // whatever the request: its output, known at parse time; null when it has any VTL.
    const std::string *constantOutput() const { return m_constant.get(); }

private:
    std::shared_ptr<const Nodes> m_nodes;
    std::shared_ptr<const std::string> m_constant;
    size_t m_size = 0;
};

} // namespace gw::vtl
