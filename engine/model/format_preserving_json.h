#pragma once
// Writes an edited JSON document back into the text it was read from, so a file kept in git gets
// small diffs: a three-way merge of the original text, the value the program read from it, and
// the value it now holds. Whatever the program did not change keeps its bytes (key order,
// spacing, one-line objects, keys the user wrote out at their default values); only changed
// members are rewritten, in the style of their surroundings. A key the program holds but the
// text never had is left out while its value is still the one read (a default); a new array
// element leaves out what its siblings leave out.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace gw {

// `original` is the text as read; `read` the program's value of it (say, a model's JSON with
// its defaults filled in); `now` the value to write. With read == now the result is `original`.
// An empty or unparsable `original` gives `now` pretty-printed with two spaces.
std::string writePreservingFormat(std::string_view original, const nlohmann::json &read, const nlohmann::json &now);

} // namespace gw
