// Partners' weekly availability over the admin's file (issue 15): a pure replacement.
#include "config/partner_windows.h"

#include <gtest/gtest.h>

namespace mentorcal::config {
namespace {

// Ana free on Monday mornings, Ben on Tuesday mornings, as the file says.
Programme two_people() {
  Programme p;
  for (const auto& [id, window] :
       {std::pair{"ana", "Mon 09:00-12:00"}, {"ben", "Tue 09:00-12:00"}}) {
    Person person;
    person.id = id;
    person.available = {*parse_window(window)};
    p.people.push_back(std::move(person));
  }
  p.index();
  return p;
}

TEST(PartnerWindows, ReplaceThePersonsOwnAndKeepTheFile) {
  const auto file = two_people();
  const auto merged = with_partner_windows(
      file, {{"ana", {*parse_window("Thu 18:00-20:00"), *parse_window("Sat 10:00-11:30")}},
             {"nobody", {*parse_window("Fri 09:00-10:00")}}});
  ASSERT_EQ(merged.person("ana")->available.size(), 2u);
  EXPECT_EQ(merged.person("ana")->available[0].text(), "Thu 18:00-20:00");
  EXPECT_EQ(merged.person("ana")->available[1].text(), "Sat 10:00-11:30");
  ASSERT_EQ(merged.person("ben")->available.size(), 1u);  // untouched
  EXPECT_EQ(merged.person("ben")->available[0].text(), "Tue 09:00-12:00");
  EXPECT_EQ(file.person("ana")->available[0].text(), "Mon 09:00-12:00");  // the file is as it was
  EXPECT_EQ(merged.people.size(), 2u);
}

TEST(PartnerWindows, KeptAsTextAndReadBackByTheConfigsRule) {
  const std::vector<Window> windows{*parse_window("monday 9:00-12:00"),
                                    *parse_window("Sun 22:00-24:00")};
  const auto text = windows_text(windows);
  EXPECT_EQ(text, "Mon 09:00-12:00, Sun 22:00-24:00");
  const auto back = parse_windows(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, windows);
  EXPECT_TRUE(parse_windows("")->empty());
  EXPECT_FALSE(parse_windows("Mon 12:00-09:00"));  // ends before it starts
  EXPECT_FALSE(parse_windows("Mon 09:00-12:00, Xyz 09:00-10:00"));
  EXPECT_FALSE(parse_windows("Mon 9am-10am"));
}

}  // namespace
}  // namespace mentorcal::config
