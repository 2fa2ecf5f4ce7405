// The cheap checks before a reply's calendar parts are parsed (mail/reply_gate.h, issue 12): the
// scan, and read_reply() with a gate, fed strings.
#include "mail/reply_gate.h"

#include <ctime>

#include <gtest/gtest.h>

#include "mail/reply.h"

namespace mentorcal::mail {
namespace {

const std::set<std::string, std::less<>> kOurs{"pair-1@example.org", "a-very-long-uid@example.org"};

// 40 components deep: beyond the bounded parse's 16.
std::string too_deep() {
  std::string nested;
  for (int i = 0; i < 40; ++i)
    nested += "BEGIN:X-N\r\n";
  for (int i = 0; i < 40; ++i)
    nested += "END:X-N\r\n";
  return nested;
}

TEST(ScanCalendar, FindsOurUidsFoldedOrNotAndTheMethod) {
  const std::string text =
      "BEGIN:VCALENDAR\r\nmethod:reply\r\nBEGIN:VEVENT\r\nUID:someone-else@example.net\r\n"
      "uid;X-A=\"a:b\": pair-1@example.org \r\nEND:VEVENT\r\nBEGIN:VEVENT\nUID:a-very-long\n"
      " -uid@exam\n\tple.org\nUIDX:pair-1@example.org\nEND:VEVENT\rUID:pair-1@example.org\r"
      "END:VCALENDAR";
  const auto keys = scan_calendar(text, kOurs);
  EXPECT_EQ(keys.method, "REPLY");
  EXPECT_EQ(keys.ours,
            (std::vector<std::string>{"pair-1@example.org", "a-very-long-uid@example.org"}));
  EXPECT_TRUE(scan_calendar("UID:pair-1@example.org.evil", kOurs).ours.empty());
  EXPECT_TRUE(scan_calendar(" UID:pair-1@example.org", kOurs).ours.empty());  // a continuation
  EXPECT_TRUE(scan_calendar("UID:" + std::string(2000, 'x') + "\r\n pair-1@example.org", kOurs)
                  .ours.empty());
}

std::string reply(const std::string& from, const std::string& uid, const std::string& inside) {
  return "From: " + from +
         "\r\nMessage-ID: <m@x>\r\nMIME-Version: 1.0\r\nContent-Type: text/calendar; "
         "method=REPLY\r\n\r\nBEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nMETHOD:REPLY\r\n"
         "BEGIN:VEVENT\r\nUID:" +
         uid + "\r\nDTSTAMP:20261201T100000Z\r\nATTENDEE;PARTSTAT=DECLINED:mailto:" + from +
         "\r\n" + inside + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

const ReplyGate kGate{{"li.wei@example.org"}, kOurs};

TEST(ReadReplyGate, APartnersAnswerToOurMeetingIsParsed) {
  const auto got = read_reply(reply("li.wei@example.org", "pair-1@example.org", ""), &kGate);
  ASSERT_EQ(got.replies.size(), 1u) << got.skipped;
  EXPECT_EQ(got.replies[0].partstat, "DECLINED");
  EXPECT_TRUE(got.unread_uids.empty());
}

// Nesting too deep for the bounded parse: parsed, it says "calendar part unreadable"; refused by
// the gate, it is never parsed.
TEST(ReadReplyGate, WhatNamesNoMeetingOfOursIsNotParsed) {
  const auto nested = too_deep();
  const auto ungated = read_reply(reply("li.wei@example.org", "other@example.net", nested));
  EXPECT_NE(ungated.skipped.find("unreadable"), std::string::npos) << ungated.skipped;
  const auto got = read_reply(reply("li.wei@example.org", "other@example.net", nested), &kGate);
  EXPECT_TRUE(got.replies.empty());
  EXPECT_EQ(got.skipped, "names no meeting mentorcal sent (not parsed)");
  EXPECT_TRUE(got.unread_uids.empty());
}

TEST(ReadReplyGate, AStrangersAnswerIsRecordedUnparsed) {
  const auto got =
      read_reply(reply("mallory@evil.example", "pair-1@example.org", too_deep()), &kGate);
  EXPECT_TRUE(got.replies.empty());
  EXPECT_EQ(got.skipped, "sent from mallory@evil.example, who is no partner (not parsed)");
  EXPECT_EQ(got.unread_uids, std::vector<std::string>{"pair-1@example.org"});
  EXPECT_EQ(got.unread_method, "REPLY");
}

// Issue 12, defect 2: a stranger's reply is parsed at a cost (75 s of CPU for 990 KB before the
// bounds; still about a tenth of a second per part within them). Refused by the gate on its
// sender, four parts of 100,000 properties each cost a small part of one parse.
TEST(ReadReplyGate, AStrangersLargeHostileReplyCostsNearlyNothing) {
  std::string inside = "X-A:b\r\n";
  for (int i = 0; i < 17; ++i)
    inside += inside;  // 131,072 lines
  const auto part = reply("mallory@evil.example", "pair-1@example.org", inside);
  const auto body = part.substr(part.find("\r\n\r\n") + 4);
  std::string message =
      "From: mallory@evil.example\r\nMessage-ID: <m@x>\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=b\r\n\r\n";
  for (int i = 0; i < 4; ++i)
    message += "--b\r\nContent-Type: text/calendar; method=REPLY\r\n\r\n" + body;
  message += "--b--\r\n";
  ASSERT_GT(message.size(), 3'500'000u);
  const auto cpu = [] { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; };
  double start = cpu();
  const auto parsed = read_reply(message);
  const double ungated = cpu() - start;
  start = cpu();
  const auto got = read_reply(message, &kGate);
  const double gated = cpu() - start;
  EXPECT_TRUE(parsed.unread_uids.empty());
  EXPECT_EQ(got.unread_uids, std::vector<std::string>{"pair-1@example.org"});
  EXPECT_EQ(got.skipped, "sent from mallory@evil.example, who is no partner (not parsed)");
  EXPECT_LT(gated * 5, ungated) << "CPU seconds: gated " << gated << ", parsed " << ungated;
}

}  // namespace
}  // namespace mentorcal::mail
