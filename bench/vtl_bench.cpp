// Mapping-template benchmark: a typical request template (20 lines, a 1 KB JSON body,
// $input.json, $input.path, a #foreach, $context and $util) rendered per request, as a median,
// against a reference measured in the same run: parsing the same body and writing it back as
// JSON with nlohmann/json (the least any JSON transformation costs). Parsing the template, which
// happens once per deployment, is reported beside it.
#include "bench_timing.h"
#include "vtl/context_variable.h"
#include "vtl/input_variable.h"
#include "vtl/util_variable.h"
#include "vtl/vtl_evaluator.h"
#include "vtl/vtl_template.h"

#include <nlohmann/json.hpp>

#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

using namespace gw::vtl;

namespace {

const char *kTemplate = R"vtl(#set($inputRoot = $input.path('$'))
{
  "requestId": "$context.requestId",
  "stage": "$context.stage",
  "customer": $input.json('$.customer'),
  "orderId": "$util.escapeJavaScript($inputRoot.orderId)",
  "source": "$input.params('source')",
  "lines": [
#foreach($line in $inputRoot.lines)
    {
      "sku": "$line.sku",
      "quantity": $line.quantity,
      "total": $line.price,
      "gift": #if($line.gift)true#{else}false#end
    }#if($foreach.hasNext),#end

#end
  ],
  "count": $inputRoot.lines.size(),
  "note": "$util.escapeJavaScript($inputRoot.note)"
}
)vtl";

std::string body()
{
    std::string lines;
    for (int i = 0; i < 14; ++i) {
        if (i)
            lines += ",";
        lines += R"({"sku":"SKU-)" + std::to_string(1000 + i) + R"(","quantity":)" + std::to_string(i + 1) +
                 R"(,"price":)" + std::to_string(9.5 + i) + R"(,"gift":)" + (i % 2 ? "true" : "false") + "}";
    }
    return R"({"orderId":"o-12345","customer":{"id":"c-1","name":"Ann Example","email":"ann@example.com"},)"
           R"("note":"Leave at the \"back\" door, ring twice","lines":[)" + lines + "]}";
}

} // namespace

int main()
{
    const std::string payload = body();
    auto parsed = Template::parse(kTemplate);
    if (!std::holds_alternative<Template>(parsed)) {
        std::fprintf(stderr, "template does not parse: %s\n", std::get<VtlError>(parsed).toString().c_str());
        return 1;
    }
    const Template &tmpl = std::get<Template>(parsed);
    auto params = std::make_shared<InputParameters>();
    params->querystring = {{"source", "web"}};
    params->header = {{"Content-Type", "application/json"}, {"User-Agent", "bench"}};
    RequestFacts facts;
    facts.requestId = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
    facts.stage = "prod";
    facts.httpMethod = "POST";
    facts.resourcePath = "/orders";
    facts.path = "/prod/orders";

    size_t outputSize = 0;
    bool valid = false;
    auto renderOnce = [&] {
        Context context;
        context.set("input", Value(std::static_pointer_cast<HostObject>(std::make_shared<InputVariable>(payload, params))));
        context.set("context", makeContextVariable(facts));
        context.set("util", UtilVariable::instance());
        context.set("stageVariables", makeMap());
        auto out = render(tmpl, context);
        const std::string &text = std::get<std::string>(out);
        outputSize = text.size();
        return text;
    };
    valid = !nlohmann::json::parse(renderOnce(), nullptr, false).is_discarded();
    for (int i = 0; i < 2000; ++i)
        renderOnce(); // warm
    size_t sink = 0;
    const double renderUs = medianUs(20000, [&] { sink += renderOnce().size(); });
    const double referenceUs = medianUs(20000, [&] { sink += nlohmann::json::parse(payload).dump().size(); });
    const double parseUs = medianUs(5000, [&] { sink += std::get<Template>(Template::parse(kTemplate)).sourceSize(); });
    int templateLines = 0;
    for (const char *p = kTemplate; *p; ++p)
        templateLines += *p == '\n';
    std::printf("template: %d lines, body %zu bytes, output %zu bytes (%s JSON)\n", templateLines, payload.size(), outputSize,
                valid ? "valid" : "NOT valid");
    std::printf("render (per request)         %8.2f us median   target <= 20 us\n", renderUs);
    std::printf("reference: JSON parse+dump   %8.2f us median   render/reference = %.2fx\n", referenceUs, renderUs / referenceUs);
    std::printf("parse (once per deployment)  %8.2f us median   parse/render = %.2fx\n", parseUs, parseUs / renderUs);
    return sink == 0 ? 1 : 0;
}
