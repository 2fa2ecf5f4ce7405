#include "app/reply_poll.h"

#include <spdlog/spdlog.h>

#include "app/feeds.h"
#include "app/replies.h"
#include "app/secrets.h"
#include "mail/reply.h"
#include "net/imap_mailbox.h"

namespace mentorcal::app {
namespace {

std::string setting(store::Database& db, const std::string& key) {
  auto q = db.prepare("SELECT value FROM settings WHERE key = ?");
  q.bind(1, key);
  return q.step() ? q.text(0) : std::string();
}

void set_setting(store::Database& db, const std::string& key, const std::string& value) {
  db.prepare(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
        "excluded.value")
      .bind(1, key)
      .bind(2, value)
      .run();
}

}  // namespace

PollReport poll_replies(const config::Programme& programme, store::Database& db,
                        scheduler::Instant now) {
  PollReport report;
  if (!programme.imap) return report;
  const auto& imap = *programme.imap;
  auto password = read_secret(imap.password, "imap-password");
  if (!password) {
    report.error = "imap: " + password.error();
    spdlog::error("{}", report.error);
    return report;
  }
  net::ImapMailbox mailbox({imap.url, imap.starttls == config::StartTls::required, imap.username,
                            *password, imap.ca_file, std::chrono::seconds(30)});
  const auto validity = mailbox.uid_validity();
  if (!validity) {
    report.error = "imap: " + validity.error();
    spdlog::warn("{}; replies will be read next time", report.error);
    return report;
  }
  // A new UIDVALIDITY voids the UIDs recorded: read everything again (applying is idempotent:
  // an answer already applied is stale or changes nothing).
  std::uint32_t last = 0;
  if (setting(db, "imap.uidvalidity") == std::to_string(*validity)) {
    last = static_cast<std::uint32_t>(std::stoul("0" + setting(db, "imap.last_uid")));
  }
  const auto uids = mailbox.uids_after(last);
  if (!uids) {
    report.error = "imap: " + uids.error();
    spdlog::warn("{}; replies will be read next time", report.error);
    return report;
  }
  const auto busy = busy_times(programme, db, now);
  for (const auto uid : *uids) {
    const auto raw = mailbox.fetch(uid);
    if (!raw) {
      report.error = "imap: " + raw.error();
      // A message that cannot be fetched twice in a row (too large, broken on the server) must not
      // stop every later answer: the second time it is passed over.
      const auto key = std::to_string(*validity) + ":" + std::to_string(uid);
      if (setting(db, "imap.failed_uid") == key) {
        spdlog::error("{}; message {} skipped after two attempts", report.error, uid);
        store::Transaction tx(db);
        set_setting(db, "imap.uidvalidity", std::to_string(*validity));
        set_setting(db, "imap.last_uid", std::to_string(uid));
        tx.commit();
        continue;
      }
      store::Transaction tx(db);
      set_setting(db, "imap.failed_uid", key);
      tx.commit();
      spdlog::warn("{}; it will be read again next time", report.error);
      break;
    }
    ++report.messages;
    const auto message = mail::read_reply(*raw);
    try {
      if (message.replies.empty()) {
        spdlog::info("mail {} from {}: {} (left unseen)", message.message_id, message.from,
                     message.skipped);
        (void)mailbox.set_seen(uid, false);  // not ours to read: leave it to the people
      } else {
        for (const auto& effect : apply_reply(programme, db, message, busy, now)) {
          (effect.outcome == "applied" ? report.applied : report.ignored) += 1;
          spdlog::info("reply {} from {}: {}: {}", message.message_id, message.from, effect.outcome,
                       effect.detail);
        }
      }
      store::Transaction tx(db);
      set_setting(db, "imap.uidvalidity", std::to_string(*validity));
      set_setting(db, "imap.last_uid", std::to_string(uid));
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

}  // namespace mentorcal::app
