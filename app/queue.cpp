#include "app/queue.h"

#include "app/links.h"

namespace mentorcal::app {
namespace {

// The pair as recorded on its meeting, for a pair that is no longer in the config.
mail::PairView view_of_row(const config::Programme& programme, const store::MeetingRow& m) {
  const auto partner = [&](const std::string& name, const std::string& email) {
    for (const auto& p : programme.people) {
      if (p.email == email) return mail::Partner{name, email, p.timezone, p.language, {}};
    }
    return mail::Partner{
        name, email, programme.programme.timezone, programme.programme.language, {}};
  };
  return {m.pair, partner(m.mentor_name, m.mentor_email), partner(m.mentee_name, m.mentee_email),
          programme.agreement};
}

}  // namespace

void queue_messages(store::Store& store, std::span<const mail::Outgoing> messages,
                    const mail::MeetingNotice* notice, scheduler::Instant now) {
  for (const auto& m : messages) {
    store.add_to_outbox(
        {m.message_id, m.recipient, notice ? notice->uid : "", notice ? notice->sequence : 0,
         notice ? std::string(ical::to_string(notice->method)) : "", m.bytes},
        now);
  }
}

void queue_notice(store::Store& store, const config::Programme& programme,
                  const store::MeetingRow& row, const mail::MeetingNotice& notice,
                  scheduler::Instant now, std::optional<int> only) {
  const auto* pair = programme.pair(row.pair);
  const auto view = pair ? view_with_links(store, programme, *pair) : view_of_row(programme, row);
  const auto messages = mail::compose(programme.programme, view, notice, now);
  std::span<const mail::Outgoing> to(messages);
  if (only) to = to.subspan(static_cast<std::size_t>(*only), 1);
  queue_messages(store, to, &notice, now);
}

}  // namespace mentorcal::app
