#include "base/text_template.h"

#include <algorithm>
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

constexpr std::string_view kOpen = "{{#t}}", kClose = "{{/t}}";

// Call `each(before, piece)` for each marked piece of `text`, then `each(rest, {})`.
template <typename Each>
void pieces(std::string_view text, Each each) {
  for (auto at = text.find(kOpen); at != std::string_view::npos; at = text.find(kOpen)) {
    const auto end = text.find(kClose, at);
    const auto piece = text.substr(at + kOpen.size(), end - at - kOpen.size());
    if (end == std::string_view::npos || piece.find('\n') != std::string_view::npos ||
        piece.find(kOpen) != std::string_view::npos)
      throw std::logic_error("template: unclosed {{#t}} in: " + std::string(text.substr(at, 60)));
    each(text.substr(0, at), piece);
    text.remove_prefix(end + kClose.size());
  }
  each(text, std::string_view{});
}

// Return the template's text with its marked pieces translated.
std::string source(EmbeddedFiles files, std::string_view language, std::string_view name,
                   const Translate& translate) {
  const auto path = std::string(language) + "/" + std::string(name) + ".mustache";
  const auto text = files(path);
  if (text.empty()) throw std::logic_error("no template " + path);
  std::string out;
  pieces(text, [&](std::string_view before, std::string_view piece) {
    out += before;
    if (!piece.empty()) out += translate ? translate(piece) : std::string(piece);
  });
  return out;
}

// Add to `out` every partial `text` includes, and the ones those include, each once, prepared.
void add_partials(EmbeddedFiles files, std::string_view language, std::string_view text,
                  std::vector<std::pair<std::string, std::string>>& out,
                  const Translate& translate) {
  for (auto at = text.find("{{>"); at != std::string_view::npos; at = text.find("{{>", at + 3)) {
    const auto end = text.find("}}", at);
    if (end == std::string_view::npos) break;
    auto name = std::string(text.substr(at + 3, end - at - 3));
    std::erase(name, ' ');
    if (std::any_of(out.begin(), out.end(), [&](const auto& p) { return p.first == name; }))
      continue;
    auto partial = source(files, language, name, translate);
    if (partial.ends_with('\n')) partial.pop_back();
    out.emplace_back(name, prepare(partial));
    add_partials(files, language, partial, out, translate);
  }
}

kainjow::mustache::mustache compile(std::string_view name, const std::string& text) {
  kainjow::mustache::mustache tmpl{prepare(text)};
  if (name.ends_with(".html")) {
    tmpl.set_custom_escape([](const std::string& s) { return html_escape(s); });
  } else {
    tmpl.set_custom_escape([](const std::string& s) { return s; });
  }
  return tmpl;
}

}  // namespace

CompiledTemplate::CompiledTemplate(EmbeddedFiles files, std::string_view language,
                                   std::string_view name, const Translate& translate)
    : CompiledTemplate(name, source(files, language, name, translate)) {
  add_partials(files, language, text_, partials_, translate);
  text_.clear();
}

CompiledTemplate::CompiledTemplate(std::string_view name, std::string text)
    : name_(name), text_(std::move(text)), template_(compile(name, text_)) {}

std::string CompiledTemplate::render(TemplateData data) const {
  // The data's own values win over a partial of the same name, as before (set only if absent).
  for (const auto& [name, text] : partials_) {
    if (data.get(name) == nullptr)
      data.set(name, kainjow::mustache::partial{[&text = text] { return text; }});
  }
  auto out = template_.render(data);
  if (!template_.is_valid())
    throw std::logic_error("template " + name_ + ": " + template_.error_message());
  std::erase(out, kLineMark);
  return out;
}

std::string render_template(EmbeddedFiles files, std::string_view language, std::string_view name,
                            TemplateData data, const Translate& translate) {
  return CompiledTemplate(files, language, name, translate).render(std::move(data));
}

}  // namespace mentorcal::base
