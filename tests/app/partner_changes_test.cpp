// Issue 15: what a partner changes on their page beyond declines and away dates, over a
// ":memory:" store: weekly windows checked by the config's rule, kept, confirmed by letter and
// used by the next plan; requests to the admins, which end nothing and leave the list once an
// admin ends the pair.
#include "app/partner_changes.h"

#include <map>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "app/health_view.h"
#include "app/pair_ends.h"
#include "store/store.h"
#include "tests/support/demo_programme.h"

namespace mentorcal::app {
namespace {

using namespace std::chrono;
using store::Instant;

const Instant t0 = sys_days{year{2026} / November / 22} + hours(9);

class PartnerChangesTest : public ::testing::Test {
 protected:
  PageChange change(const std::string& person, std::map<std::string, std::string> form) {
    form_ = std::move(form);
    const auto* p = programme_.person(person);
    page_ = {};
    page_.me = {p->name, p->email, p->timezone, p->language, {}};
    fill_partner_sections(programme_, *store_, *p, store_->ended_pairs(), {true, true, true}, page_,
                          t0);
    return {programme_,
            *store_,
            *p,
            page_,
            [this](std::string_view name) {
              const auto f = form_.find(std::string(name));
              return f == form_.end() ? std::string() : f->second;
            },
            "127.0.0.1",
            t0};
  }

  const config::Programme programme_ = testing::demo_programme();
  std::unique_ptr<store::Store> store_ = store::open_store(":memory:");
  mail::PersonPage page_;
  std::map<std::string, std::string> form_;
};

TEST_F(PartnerChangesTest, TheFormStartsFromTodaysWindows) {
  auto c = change("amara", {});
  // The file's three windows, then blank rows to add some.
  ASSERT_EQ(page_.windows.size(), 6u);
  EXPECT_EQ(page_.windows[0].day, 1);
  EXPECT_EQ(page_.windows[0].start, "09:00");
  EXPECT_EQ(page_.windows[0].end, "12:00");
  EXPECT_EQ(page_.windows[3].start, "");
  EXPECT_EQ(page_.pairs.size(), 2u);       // amara-li and amara-priya
  EXPECT_TRUE(page_.to_continue.empty());  // no getting-to-know-you meeting held yet
}

TEST_F(PartnerChangesTest, WindowsAreCheckedByTheConfigsRuleAndKeptWithALetter) {
  for (const auto& bad : std::vector<std::map<std::string, std::string>>{
           {{"day1", "Mon"}, {"start1", "17:00"}, {"end1", "13:00"}},
           {{"day1", "Mon"}, {"start1", "1pm"}, {"end1", "17:00"}},
           {{"day1", "Someday"}, {"start1", "09:00"}, {"end1", "10:00"}},
           {{"day1", "Mon"}, {"start1", ""}, {"end1", ""}}}) {
    auto c = change("amara", bad);
    EXPECT_EQ(save_availability(c).status, 400) << bad.begin()->second;
  }
  std::map<std::string, std::string> many;
  for (int n = 1; n <= 15; ++n) {
    many["day" + std::to_string(n)] = "Tue";
    many["start" + std::to_string(n)] = fmt::format("{:02}:00", n);
    many["end" + std::to_string(n)] = fmt::format("{:02}:30", n);
  }
  auto full = change("amara", many);
  EXPECT_EQ(save_availability(full).status, 409);
  EXPECT_TRUE(store_->partner_windows().empty());
  EXPECT_TRUE(store_->outbox_rows().empty());

  auto c = change("amara", {{"day1", "Tue"},
                            {"start1", "10:00"},
                            {"end1", "12:00"},
                            {"day2", "Mon"},
                            {"start2", "09:00"},
                            {"end2", "10:00"},
                            {"day3", "Sat"}});
  const auto answer = save_availability(c);
  EXPECT_EQ(answer.status, 200);
  EXPECT_NE(answer.body.find("Monday 09:00–10:00, Tuesday 10:00–12:00"), std::string::npos);
  ASSERT_EQ(store_->partner_windows().size(), 1u);
  EXPECT_EQ(store_->partner_windows()[0].windows, "Mon 09:00-10:00, Tue 10:00-12:00");
  ASSERT_EQ(store_->outbox_rows().size(), 1u);
  EXPECT_EQ(store_->outbox_rows()[0].message.message_id.rfind("availability-amara-", 0), 0u);
  // Every plan is made from them.
  const auto view = health_view(programme_, store_.get(), t0);
  ASSERT_EQ(view.programme.person("amara")->available.size(), 2u);
  EXPECT_EQ(view.programme.person("amara")->available[1].text(), "Tue 10:00-12:00");
  EXPECT_EQ(programme_.person("amara")->available.size(), 3u);
  // And the page starts from them next time.
  change("amara", {});
  EXPECT_EQ(page_.windows[0].end, "10:00");
}

TEST_F(PartnerChangesTest, RequestsWaitForAnAdminAndEndNothing) {
  auto bad = change("amara", {{"pair", "amara-li"}, {"kind", "stop"}, {"reason", "other"}});
  EXPECT_EQ(ask_pause_or_end(bad).status, 400);
  auto other = change("amara", {{"pair", "tom-jack"}, {"kind", "end"}, {"reason", "other"}});
  EXPECT_EQ(ask_pause_or_end(other).status, 404);
  auto ask = change(
      "amara",
      {{"pair", "amara-li"}, {"kind", "end"}, {"reason", "goals-met"}, {"word", "Li is\r\nready"}});
  EXPECT_EQ(ask_pause_or_end(ask).status, 200);
  auto again = change("amara", {{"pair", "amara-li"}, {"kind", "end"}, {"reason", "goals-met"}});
  EXPECT_EQ(ask_pause_or_end(again).status, 200);
  ASSERT_EQ(store_->partner_requests().size(), 1u);  // the same open request once
  EXPECT_EQ(store_->partner_requests()[0].word, "Li is  ready");
  EXPECT_EQ(request_phrase(store_->partner_requests()[0]).text(),
            "amara asks to end amara-li (the goals have been met)");
  EXPECT_TRUE(store_->ended_pairs().empty());
  EXPECT_EQ(open_requests(health_view(programme_, store_.get(), t0).programme, *store_).size(), 1u);
  {
    auto tx = store_->transaction();
    store_->record_pair_end("amara-li", {year{2026} / November / 22, config::EndReason::goals_met},
                            t0);
    tx.commit();
  }
  EXPECT_TRUE(open_requests(health_view(programme_, store_.get(), t0).programme, *store_).empty());
}

}  // namespace
}  // namespace mentorcal::app
