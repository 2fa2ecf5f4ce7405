// base/text_template.h: templates from an in-memory set, rendered as text and as HTML.
#include "base/text_template.h"

#include <map>
#include <stdexcept>

#include <gtest/gtest.h>

namespace mentorcal::base {
namespace {

const std::map<std::string_view, std::string_view> kFiles{
    {"en/letter.txt.mustache",
     "Hello {{name}},\n"
     "{{#where}}\n"
     "Where: {{where}}\n"
     "{{/where}}\n"
     "\n"
     "{{#items}}\n"
     "  - {{.}}\n"
     "{{/items}}\n"
     "{{>sign}}\n"},
    {"en/sign.mustache", "{{! the signature }}\n{{organiser}}\n"},
    {"en/page.html.mustache", "<p title=\"{{name}}\">{{name}}</p>{{!\n}}<div>{{{raw}}}</div>\n"},
    {"en/broken.txt.mustache", "{{#open}} never closed\n"},
    {"en/words.txt.mustache",
     "{{#t}}Hello {{name}},{{/t}}\n{{#where}}\n{{#t}}Where:{{/t}} {{where}} "
     "{{>said}}\n{{/where}}\n"},
    {"en/said.mustache", "({{#t}}as agreed{{/t}})\n"},
    {"en/unclosed.txt.mustache", "{{#t}}Hello {{name}}\n{{/t}}\n"},
};

std::string_view files(std::string_view path) {
  const auto it = kFiles.find(path);
  return it == kFiles.end() ? std::string_view{} : it->second;
}

TemplateData letter(bool where) {
  TemplateData d;
  d.set("name", "Ana <&>");
  d.set("organiser", "Jo");
  if (where) d.set("where", "Room 1");
  TemplateData items{TemplateData::type::list};
  items.push_back(TemplateData("one"));
  items.push_back(TemplateData("two"));
  d.set("items", items);
  return d;
}

TEST(RenderTemplate, TextKeepsEveryLineButSectionTagLinesAndEscapesNothing) {
  EXPECT_EQ(render_template(files, "en", "letter.txt", letter(true)),
            "Hello Ana <&>,\nWhere: Room 1\n\n  - one\n  - two\nJo\n");
  // A skipped section leaves no empty line behind (kainjow 4.1 alone would).
  EXPECT_EQ(render_template(files, "en", "letter.txt", letter(false)),
            "Hello Ana <&>,\n\n  - one\n  - two\nJo\n");
}

TEST(RenderTemplate, HtmlEscapesValuesAndJoinsLinesAtComments) {
  TemplateData d;
  d.set("name", "Tom <b>&\"' Hughes");
  d.set("raw", "<b>kept</b>");
  EXPECT_EQ(render_template(files, "en", "page.html", d),
            "<p title=\"Tom &lt;b&gt;&amp;&quot;&#39; Hughes\">Tom &lt;b&gt;&amp;&quot;&#39; "
            "Hughes</p><div><b>kept</b></div>\n");
}

TEST(RenderTemplate, AMissingOrBrokenTemplateIsAProgrammingError) {
  EXPECT_THROW(render_template(files, "en", "absent.txt", {}), std::logic_error);
  EXPECT_THROW(render_template(files, "fr", "letter.txt", letter(true)), std::logic_error);
  EXPECT_THROW(render_template(files, "en", "broken.txt", {}), std::logic_error);
}

// Issue 14: letters compile each template once and render it many times; each render gives what
// a fresh render_template gives, whatever was rendered before it (sections, partials, escaping).
TEST(CompiledTemplate, RendersLikeAFreshTemplateEveryTime) {
  const CompiledTemplate letter_txt(files, "en", "letter.txt");
  for (const bool where : {true, false, true, false})
    EXPECT_EQ(letter_txt.render(letter(where)),
              render_template(files, "en", "letter.txt", letter(where)));
  const CompiledTemplate page(files, "en", "page.html");
  TemplateData d;
  d.set("name", "<&>");
  d.set("raw", "<b>");
  EXPECT_EQ(page.render(d), render_template(files, "en", "page.html", d));
  EXPECT_EQ(page.render(d), render_template(files, "en", "page.html", d));
  EXPECT_THROW(CompiledTemplate(files, "en", "absent.txt"), std::logic_error);
  const CompiledTemplate broken(files, "en", "broken.txt");
  EXPECT_THROW(broken.render({}), std::logic_error);
  EXPECT_THROW(broken.render({}), std::logic_error);
}

// Issue 13: the pieces marked {{#t}}...{{/t}}, in partials too, go through the translation with
// their tags, which are then rendered; without a translation they stay as written.
TEST(TextTemplate, MarkedPiecesAreTranslatedWithTheirTags) {
  const Translate spanish = [](std::string_view text) -> std::string {
    if (text == "Hello {{name}},") return "Hola, {{name}}:";
    if (text == "Where:") return "Dónde:";
    if (text == "as agreed") return "según lo acordado";
    return "UNTRANSLATED";
  };
  TemplateData d;
  d.set("name", "María");
  d.set("where", "Sala 1");
  EXPECT_EQ(render_template(files, "en", "words.txt", d, spanish),
            "Hola, María:\nDónde: Sala 1 (según lo acordado)\n");
  EXPECT_EQ(render_template(files, "en", "words.txt", d),
            "Hello María,\nWhere: Sala 1 (as agreed)\n");
  EXPECT_THROW(render_template(files, "en", "unclosed.txt", d, spanish), std::logic_error);
}

}  // namespace
}  // namespace mentorcal::base
