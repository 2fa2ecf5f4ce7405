// find_unparseable_text: non-ASCII text where toml++ 3.3.0 would test it for whitespace (undefined
// behaviour, TRAPS.md) is an error at its exact place; inside strings and comments it is fine.
#include "config/toml_guard.h"

#include <string>

#include <gtest/gtest.h>

#include "config/load.h"

namespace mentorcal::config {
namespace {

const std::string kValue = "put the value in \"double quotes\"";
const std::string kKey = "key names are plain ASCII";
const std::string kBackslash = "right after a backslash in a \"\"\"multi-line string\"\"\"";

struct Case {
  std::string name;
  std::string text;
  int line = 0;  // 0: the text is accepted
  int column = 0;
  std::string needle = {};  // must appear in the message
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;
}

const Case kCases[] = {
    // Outside strings: toml++'s own failures (tests/fuzz/regressions/toml++-*), then more places.
    {"unquoted_value", "[programme]\nname = \xC3\xA9\n", 2, 8, kValue},
    {"bare_key", "\xC3\xA9 = 1\n", 1, 1, kKey},
    {"dotted_key", "j.\xC9\xB4 = 1\n", 1, 3, kKey},
    {"cjk_bare_key", "\xE3\x80\x81 = 1\n", 1, 1, kKey},
    {"after_byte_order_mark", "\xEF\xBB\xBF\xC3\xA9 = 1\n", 1, 1, kKey},
    {"after_string", "a = \"x\"\xC3\xA9\n", 1, 8, kValue},
    {"after_empty_string", "a = \"\"\xC3\xA9\n", 1, 7, kValue},
    {"after_table_name", "[a]\xC3\xA9\n", 1, 4, kKey},
    {"columns_in_code_points", "a = \"\xC3\xA9\xE2\x82\xAC\" \xC3\xA9\n", 1, 10, kValue},
    {"second_line", "# \xC3\xA9\na = \xC3\xA9\n", 2, 5, kValue},
    {"after_multi_line_extra_quotes", "a = \"\"\"x\"\"\"\"\"\xC3\xA9\n", 1, 14, kValue},
    {"after_literal_extra_quotes", "a = '''x'''''\xC3\xA9\n", 1, 14, kValue},
    {"in_array", "a = [\"x\"\xC3\xA9]\n", 1, 9, kValue},
    {"inline_table_key", "a = { b = 1, \xC3\xA9 = 2 }\n", 1, 14, kKey},
    // toml++ reads a bare value up to a space, ',', ']', '}' or '#', so these quotes are no
    // strings.
    {"bare_value_quote", "a = 1\"\xC3\xA9\"\n", 1, 7, kValue},
    {"bare_value_bracket", "a = 1[\"\xC3\xA9\"]\n", 1, 8, kValue},
    {"bare_value_signed", "a = +1'\xC3\xA9'\n", 1, 8, kValue},
    {"bare_value_in_inline_table", "a = { b = 1\"\xC3\xA9\" }\n", 1, 13, kValue},
    {"bare_value_in_nested_array", "a = [[1], {b = [2]}, 3\"\xC3\xA9\"]\n", 1, 24, kValue},
    {"date_and_time", "a = 1979-05-27 0\"\xC3\xA9\"\n", 1, 18, kValue},
    // After a backslash in a """string""", toml++ asks whether the next character is whitespace.
    {"escaped", "a = \"\"\"\\\xC3\xA9\"\"\"\n", 1, 9, kBackslash},
    {"backslash_space", "a = \"\"\"\\ \xC3\xA9\"\"\"\n", 1, 10, kBackslash},
    {"line_ending_backslash", "a = \"\"\"\\\n  \xC3\xA9\"\"\"\n", 2, 3, kBackslash},
    {"line_ending_backslash_blank_lines", "a = \"\"\"x\\  \r\n\n\t\xC3\xA9\"\"\"\n", 3, 2,
     kBackslash},
    {"line_ending_then_escaped", "a = \"\"\"\\\n\\\xC3\xA9\"\"\"\n", 2, 2, kBackslash},
    {"line_ending_unicode_space", "a = \"\"\"\\\n\xC2\xA0x\"\"\"\n", 2, 1, kBackslash},
    // Accepted: strings, comments, quoted keys.
    {"basic_string", "a = \"\xC3\xA9\"\n"},
    {"literal_string", "a = '\xC3\xA9'\n"},
    {"multi_line_basic", "a = \"\"\"\n\xC3\xA9 \"\" \xC3\xA9\n\"\"\"\n"},
    {"multi_line_literal", "a = '''\\\n\xC3\xA9'''\n"},
    {"escaped_quote", "a = \"\\\"\xC3\xA9\"\n"},
    {"single_line_backslash", "a = \"\\\xC3\xA9\"\n"},  // toml++ reports the escape
    {"escaped_backslash", "a = \"\"\"\\\\\xC3\xA9\"\"\"\n"},
    {"escape_then_text", "a = \"\"\"\\n \xC3\xA9\"\"\"\n"},
    {"line_ending_then_text", "a = \"\"\"\\\n  x\xC3\xA9\"\"\"\n"},
    {"comment", "# \xC3\xA9\na = 1 # \xC3\xA9\n"},
    {"comment_in_array", "a = [ # \xC3\xA9\n  \"\xC3\xA9\",\n  1,\n]\n"},
    {"comment_after_date", "a = 1979-05-27 # \xC3\xA9\n"},
    {"quoted_keys", "\"\xC3\xA9\" = 1\na.\"\xC3\xA9\" = 1\n1.'\xC3\xA9' = 1\n"},
    {"quoted_table_names", "[a.\"\xC3\xA9\"]\n[[b.'\xC3\xA9']]\n"},
    {"inline_table_and_array", "a = { b = \"\xC3\xA9\", c = ['\xC3\xBC', [\"\xC3\xA9\"]] }\n"},
    {"byte_order_mark",
     "\xEF\xBB\xBF"
     "a = \"\xC3\xA9\"\n"},
    // Unterminated strings end the scan; toml++ reports them (see UnterminatedStrings).
    {"unterminated_at_end", "a = \"\xC3\xA9"},
    {"unterminated_at_line_end", "a = \"x\n\xC3\xA9 = 1\n"},
    {"unterminated_literal", "a = 'x\n\xC3\xA9 = 1\n"},
    {"unterminated_multi_line", "a = '''x\n\xC3\xA9"},
    {"backslash_at_end", "a = \"x\\"},
    {"multi_line_backslash_at_end", "a = \"\"\"x\\"},
};

class TomlGuard : public testing::TestWithParam<Case> {};

TEST_P(TomlGuard, FindsTheFirstUnparseableCharacter) {
  const Case& c = GetParam();
  const auto found = find_unparseable_text(c.text);
  if (c.line == 0) {
    EXPECT_FALSE(found) << "rejected at " << found->line << ":" << found->column << ": "
                        << found->message;
    return;
  }
  ASSERT_TRUE(found) << "accepted";
  EXPECT_EQ(found->line, c.line);
  EXPECT_EQ(found->column, c.column);
  EXPECT_NE(found->message.find(c.needle), std::string::npos) << found->message;
}

INSTANTIATE_TEST_SUITE_P(Table, TomlGuard, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(TomlGuard, ParseProgrammeReportsFileLineColumn) {
  const auto loaded =
      parse_programme("[programme]\nname = \xC3\xA9\ntimezone = \"UTC\"\n", "t.toml", "/base");
  ASSERT_FALSE(loaded);
  ASSERT_EQ(loaded.error().size(), 1u);
  EXPECT_EQ(loaded.error()[0].text(),
            "t.toml:2:8: error: non-ASCII text outside quotes: put the value in \"double quotes\"");
}

// The guard lets these through; toml++ must then stop at the string with a syntax error.
TEST(TomlGuard, UnterminatedStringsAreTomlSyntaxErrors) {
  const struct {
    std::string text;
    int line;
  } cases[] = {{"a = \"\xC3\xA9", 1},
               {"a = \"x\n\xC3\xA9 = 1\n", 1},
               {"a = '''x\n\xC3\xA9", 2},
               {"a = \"\"\"x\\", 1}};
  for (const auto& c : cases) {
    const auto loaded = parse_programme(c.text, "t.toml", "/base");
    ASSERT_FALSE(loaded) << c.text;
    ASSERT_EQ(loaded.error().size(), 1u) << c.text;
    EXPECT_EQ(loaded.error()[0].line, c.line) << c.text;
    EXPECT_NE(loaded.error()[0].message.find("TOML syntax"), std::string::npos)
        << loaded.error()[0].text();
  }
}

}  // namespace
}  // namespace mentorcal::config
