#include "app/reply_poll.h"

#include <sstream>

#include <date/date.h>
#include <spdlog/spdlog.h>

#include "app/feeds.h"
#include "app/replies.h"
#include "app/secrets.h"
#include "base/ascii.h"
#include "base/log_fields.h"
#include "base/time_text.h"
#include "mail/reply.h"
#include "net/imap_mailbox.h"
#include "store/names.h"

namespace mentorcal::app {

tl::expected<std::unique_ptr<net::Mailbox>, std::string> make_mailbox(
    const config::Programme& programme) {
  if (!programme.imap) return nullptr;
  const auto& imap = *programme.imap;
  auto password = read_secret(imap.password, "imap-password");
  if (!password) return tl::unexpected("imap: " + password.error());
  return std::make_unique<net::ImapMailbox>(
      net::ImapSettings{imap.url, imap.starttls == config::StartTls::required, imap.username,
                        *password, imap.ca_file, std::chrono::seconds(30)});
}

MailboxAccess access_to(const tl::expected<std::unique_ptr<net::Mailbox>, std::string>& made) {
  if (!made) return {nullptr, made.error()};
  return {made->get(), ""};
}

namespace {

// Return what a reply must name to be parsed: a partner's address, a meeting's UID.
mail::ReplyGate reply_gate(store::Store& store) {
  mail::ReplyGate gate;
  gate.uids = store.meeting_uids();
  for (const auto& m : store.all_meetings()) {
    gate.partners.insert(base::lower_ascii(m.mentor_email));
    gate.partners.insert(base::lower_ascii(m.mentee_email));
  }
  return gate;
}

// Read the mailbox; poll_replies() records how it went.
PollReport read_mailbox(const config::Programme& programme, store::Store& store,
                        const MailboxAccess& access, scheduler::Instant now) {
  PollReport report;
  if (!programme.imap) return report;
  if (!access.mailbox) {
    report.error = access.error;
    report.unreadable = true;
    spdlog::error("{}", report.error);
    return report;
  }
  auto& mailbox = *access.mailbox;
  const auto validity = mailbox.uid_validity();
  if (!validity) {
    report.error = "imap: " + validity.error();
    report.unreadable = true;
    spdlog::warn("{}; replies will be read next time", report.error);
    return report;
  }
  // A new UIDVALIDITY voids the UIDs recorded: read everything again (applying is idempotent:
  // an answer already applied is stale or changes nothing).
  std::uint32_t last = 0;
  if (store.setting("imap.uidvalidity") == std::to_string(*validity)) {
    last =
        static_cast<std::uint32_t>(std::stoul("0" + store.setting("imap.last_uid").value_or("")));
  }
  const auto uids = mailbox.uids_after(last);
  if (!uids) {
    report.error = "imap: " + uids.error();
    report.unreadable = true;
    spdlog::warn("{}; replies will be read next time", report.error);
    return report;
  }
  const auto busy = busy_times(programme, store, now);
  const auto gate = reply_gate(store);
  for (const auto uid : *uids) {
    const auto raw = mailbox.fetch(uid);
    if (!raw) {
      report.error = "imap: " + raw.error();
      // A message that cannot be fetched twice in a row (too large, broken on the server) must not
      // stop every later answer: the second time it is passed over.
      const auto key = std::to_string(*validity) + ":" + std::to_string(uid);
      if (store.setting("imap.failed_uid") == key) {
        spdlog::error("{}; message {} skipped after two attempts", report.error, uid);
        auto tx = store.transaction();
        store.set_setting("imap.uidvalidity", std::to_string(*validity));
        store.set_setting("imap.last_uid", std::to_string(uid));
        tx.commit();
        continue;
      }
      auto tx = store.transaction();
      store.set_setting("imap.failed_uid", key);
      tx.commit();
      spdlog::warn("{}; it will be read again next time", report.error);
      break;
    }
    ++report.messages;
    const auto message = mail::read_reply(*raw, &gate);
    try {
      if (!message.unread_uids.empty()) {
        // Someone who is no partner answered for a meeting mentorcal sent: recorded, not read.
        auto tx = store.transaction();
        for (const auto& meeting : message.unread_uids) {
          store.record_reply({now, meeting, message.from, message.unread_method, "", 0,
                              store::ReplyOutcome::ignored, message.skipped});
        }
        tx.commit();
        report.ignored += static_cast<int>(message.unread_uids.size());
        spdlog::info("reply {}: {}", message.message_id, message.skipped);
      } else if (message.replies.empty()) {
        spdlog::info("mail {} from {}: {} (left unseen)", message.message_id, message.from,
                     message.skipped);
        (void)mailbox.set_seen(uid, false);  // not ours to read: leave it to the people
      } else {
        const auto effects = apply_reply(programme, store, message, busy, now);
        for (std::size_t i = 0; i < effects.size(); ++i) {
          const auto& effect = effects[i];
          const auto& meeting_uid = message.replies[i].uid;  // apply_reply: one per answer
          const auto meeting = store.find_meeting(meeting_uid);
          const base::LogFields fields{{base::LogFields::kPair, meeting ? meeting->pair : ""},
                                       {base::LogFields::kUid, meeting ? meeting_uid : ""}};
          (effect.outcome == store::ReplyOutcome::applied ? report.applied : report.ignored) += 1;
          report.declined += effect.action == scheduler::ReplyAction::cancel;
          report.counters_accepted += effect.action == scheduler::ReplyAction::move;
          report.counters_declined += effect.action == scheduler::ReplyAction::refuse_counter;
          spdlog::info("reply {} from {}: {}: {}", message.message_id, message.from,
                       config::enum_name(effect.outcome), effect.detail);
        }
      }
      auto tx = store.transaction();
      store.set_setting("imap.uidvalidity", std::to_string(*validity));
      store.set_setting("imap.last_uid", std::to_string(uid));
      tx.commit();
    } catch (const std::exception& e) {
      // The state store failed: nothing of this message was applied. Read it again next time.
      (void)mailbox.set_seen(uid, false);
      report.error = std::string("reply not applied: ") + e.what();
      spdlog::error("{}", report.error);
      break;
    }
  }
  return report;
}

}  // namespace

PollReport poll_replies(const config::Programme& programme, store::Store& store,
                        const MailboxAccess& access, scheduler::Instant now) {
  auto report = read_mailbox(programme, store, access, now);
  if (!programme.imap) return report;
  try {
    auto tx = store.transaction();
    if (report.error.empty()) {
      store.set_setting(kMailboxLastSuccess, base::rfc3339(now));
    } else {
      store.set_setting(kMailboxLastError, base::rfc3339(now) + " " + report.error);
    }
    tx.commit();
  } catch (const std::exception& e) {
    spdlog::error("the mailbox's state could not be recorded: {}", e.what());
  }
  return report;
}

std::optional<scheduler::Instant> mailbox_last_success(store::Store& store) {
  const auto text = store.setting(kMailboxLastSuccess);
  if (!text) return std::nullopt;
  std::istringstream in(*text);  // as base::rfc3339() wrote it
  date::sys_seconds t;
  in >> date::parse("%FT%TZ", t);
  if (in.fail()) return std::nullopt;
  return t;
}

}  // namespace mentorcal::app
