// Mustache templates (kainjow Mustache, Debian's libkainjow-mustache-dev): the one place that
// renders them. The letters and the report keep their templates as files compiled into the
// binary (cmake/EmbedText.cmake) and build the data here.
#pragma once

#include <kainjow/mustache.hpp>
#include <string>
#include <string_view>

namespace mentorcal::base {

using TemplateData = kainjow::mustache::data;

// What a template makes: HTML escapes every {{value}} with html_escape() ({{{value}}} stays
// as it is); text escapes nothing.
enum class Output { html, text };

// Return `source` rendered with `data`. Partials ({{>name}}) are looked up in `data`. A line
// holding only a section tag or a comment makes no output line. U+0001 never appears in the output.
// Throws std::logic_error if `source` is not a valid template: templates are part of the program.
std::string render_template(std::string_view source, const TemplateData& data, Output output);

// Return `source` as a partial, to be set in the data under the name the templates use.
TemplateData template_partial(std::string_view source);

}  // namespace mentorcal::base
