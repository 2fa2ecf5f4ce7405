#include "base/text_template.h"

#include <stdexcept>
#include <vector>

#include "base/html.h"

namespace mentorcal::base {
namespace {

// Marks the end of every line kainjow sees, so that it keeps every line; removed afterwards.
constexpr char kLineMark = '\x01';

// Return whether `line`, without its indentation, is one section tag ({{#x}}, {{^x}}, {{/x}}) or a
// comment and nothing else.
bool standalone_tag(std::string_view line) {
  const auto first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos) return false;
  line = line.substr(first, line.find_last_not_of(" \t") + 1 - first);
  return line.size() > 4 && line.starts_with("{{") && line.ends_with("}}") &&
         std::string_view("#^/!").find(line[2]) != std::string_view::npos &&
         line.find("}}") == line.size() - 2;
}

// Return `source` prepared for kainjow 4.1, whose standalone-line rule misses sections that are
// skipped: lines holding only a section tag or a comment lose their indentation and newline
// (the rule of the Mustache spec), and every other line end is marked so kainjow drops none.
std::string prepare(std::string_view source) {
  std::string out;
  out.reserve(source.size() + source.size() / 32);
  while (!source.empty()) {
    const auto end = source.find('\n');
    const auto line = source.substr(0, end);
    if (end != std::string_view::npos && standalone_tag(line)) {
      const auto first = line.find_first_not_of(" \t");
      out += line.substr(first, line.find_last_not_of(" \t") + 1 - first);
    } else {
      out += line;
      if (end != std::string_view::npos) out += {kLineMark, '\n'};
    }
    source.remove_prefix(end == std::string_view::npos ? source.size() : end + 1);
  }
  return out;
}

std::string_view source(EmbeddedFiles files, std::string_view language, std::string_view name) {
  const auto path = std::string(language) + "/" + std::string(name) + ".mustache";
  const auto text = files(path);
  if (text.empty()) throw std::logic_error("no template " + path);
  return text;
}

// Set in `data` every partial `text` includes, and the ones those include.
void add_partials(EmbeddedFiles files, std::string_view language, std::string_view text,
                  TemplateData& data) {
  for (auto at = text.find("{{>"); at != std::string_view::npos; at = text.find("{{>", at + 3)) {
    const auto end = text.find("}}", at);
    if (end == std::string_view::npos) break;
    auto name = std::string(text.substr(at + 3, end - at - 3));
    std::erase(name, ' ');
    if (data.get(name) != nullptr) continue;
    auto partial = source(files, language, name);
    if (partial.ends_with('\n')) partial.remove_suffix(1);
    data.set(name, kainjow::mustache::partial{[text = prepare(partial)] { return text; }});
    add_partials(files, language, partial, data);
  }
}

}  // namespace

std::string render_template(EmbeddedFiles files, std::string_view language, std::string_view name,
                            TemplateData data) {
  const auto text = source(files, language, name);
  add_partials(files, language, text, data);
  kainjow::mustache::mustache tmpl{prepare(text)};
  if (name.ends_with(".html")) {
    tmpl.set_custom_escape([](const std::string& s) { return html_escape(s); });
  } else {
    tmpl.set_custom_escape([](const std::string& s) { return s; });
  }
  auto out = tmpl.render(data);
  if (!tmpl.is_valid())
    throw std::logic_error("template " + std::string(name) + ": " + tmpl.error_message());
  std::erase(out, kLineMark);
  return out;
}

}  // namespace mentorcal::base
