// Mustache templates (kainjow Mustache, Debian's libkainjow-mustache-dev): the one place that
// renders them. The letters and the report keep their templates as files compiled into the
// binary (cmake/EmbedText.cmake) and build the data the templates name.
#pragma once

#include <functional>
#include <kainjow/mustache.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mentorcal::base {

using TemplateData = kainjow::mustache::data;

// Files compiled into the binary: the text of a file by its path below its folder, e.g.
// "en/invite.txt.mustache"; empty for an unknown path.
using EmbeddedFiles = std::string_view (*)(std::string_view path);

// Translates one piece of a template's text, given in the template's own words (with its
// {{tags}}), into the reader's language; the result keeps the tags.
using Translate = std::function<std::string(std::string_view text)>;

// Return the template `name` of `language` (the file "<language>/<name>.mustache") rendered with
// `data`. Each piece of text marked {{#t}}...{{/t}} (no nesting, no newline inside) is first
// replaced by `translate(text)`, or kept when `translate` is empty; it may hold any tags. A name
// ending in ".html" makes HTML: every {{value}} is escaped with html_escape();
// {{{value}}} is not. Other names make text, escaped not at all. {{>other.name}} includes the
// template other.name of the same language, without its file's final newline. A line holding
// only a section tag or a comment makes no output line; U+0001 never appears in the output.
// Throws std::logic_error for a missing or invalid template: templates are part of the program.
std::string render_template(EmbeddedFiles files, std::string_view language, std::string_view name,
                            TemplateData data, const Translate& translate = {});

// One template of render_template(), read, translated and parsed once, to render many times
// (render() gives what render_template() gives for the same arguments). Not for two threads at
// once. Throws std::logic_error as render_template() does.
class CompiledTemplate {
 public:
  CompiledTemplate(EmbeddedFiles files, std::string_view language, std::string_view name,
                   const Translate& translate = {});
  std::string render(TemplateData data) const;

 private:
  CompiledTemplate(std::string_view name, std::string text);

  std::string name_;
  std::string text_;  // the translated source, while partials are found
  std::vector<std::pair<std::string, std::string>> partials_;  // name, prepared text
  mutable kainjow::mustache::mustache template_;
};

}  // namespace mentorcal::base
