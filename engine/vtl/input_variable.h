#pragma once
// $input in a mapping template: the payload (the method request's body in a request template,
// the integration response's body in a response template) and the method request's parameters.
#include "vtl_value.h"

#include <string>
#include <utility>
#include <vector>

namespace gw::vtl {

struct InputParameters {
    // In the order the request carried them; header names as sent.
    std::vector<std::pair<std::string, std::string>> path;
    std::vector<std::pair<std::string, std::string>> querystring;
    std::vector<std::pair<std::string, std::string>> header;
};

class InputVariable : public HostObject {
public:
    InputVariable(std::string body, std::shared_ptr<const InputParameters> params);

    Value property(std::string_view name) override;
    std::optional<Value> call(std::string_view method, std::vector<Value> &args) override;

    const std::string &body() const { return m_body; }

private:
    const Value &root();
    Value params();
    Value param(const std::string &name) const;

    std::string m_body;
    std::shared_ptr<const InputParameters> m_params;
    bool m_parsed = false;
    bool m_isJson = false;
    Value m_root;
    Value m_paramsMap;
};

} // namespace gw::vtl
